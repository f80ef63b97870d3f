package io.dno.core.model;

/**
 * One sampled continuation.
 *
 * @param tokens the generated ids, without the end-of-sequence id
 * @param finish why sampling stopped
 */
public record Generation(int[] tokens, Finish finish) {

    /** Why a row stopped. */
    public enum Finish {
        /** The model produced an end-of-sequence id. */
        EOS,
        /** A stop condition (e.g. a stop string in the decoded text) matched. */
        STOP,
        /** {@code maxNewTokens} were generated. */
        LENGTH
    }
}
