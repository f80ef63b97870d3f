package io.dno.core.model;

/** Where a batch of different-length sequences gets its padding. Results per row do not depend on it. */
public enum Padding {
    /** Pad before the tokens: every row ends in the last column (what batched generation needs). */
    LEFT,
    /** Pad after the tokens: every row starts in the first column (the usual training layout). */
    RIGHT
}
