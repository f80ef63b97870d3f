package io.dno.spark;

import io.dno.core.train.TokenizedPair;

/** One pair of a reference chunk, with its position in the stage's pair list. */
record IndexedPair(int index, TokenizedPair pair) {}
