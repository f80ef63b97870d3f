package io.dno.examples.bench;

import io.dno.core.model.Transformer;

/**
 * One combination of the benchmark's toggles; {@link #apply} switches a model (and the process) to it, so
 * variants can alternate repetition by repetition in one run.
 *
 * @param threads PyTorch intra-op threads
 */
record Variant(int threads) {

    String name() {
        return "threads=" + threads;
    }

    void apply(Transformer model) {
        IntraOpThreads.set(threads);
    }
}
