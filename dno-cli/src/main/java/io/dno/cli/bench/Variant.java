package io.dno.cli.bench;

import io.dno.core.model.AttentionKernel;
import io.dno.core.model.Precision;
import io.dno.core.model.Transformer;
import java.util.Locale;

/**
 * One combination of the benchmark's toggles; {@link #apply} switches a model (and the process) to it, so
 * variants can alternate repetition by repetition in one run.
 *
 * @param threads   PyTorch intra-op threads
 * @param attention the model's attention kernel
 * @param precision the number format of the model's matrix products
 */
record Variant(int threads, AttentionKernel attention, Precision precision) {

    String name() {
        String base = "threads=" + threads + " attention=" + attention.name().toLowerCase(Locale.ROOT);
        return precision == Precision.F32 ? base : base + " precision=" + precision.name().toLowerCase(Locale.ROOT);
    }

    /** The same variant in another precision. */
    Variant in(Precision p) {
        return new Variant(threads, attention, p);
    }

    void apply(Transformer model) {
        IntraOpThreads.set(threads);
        model.setAttentionKernel(attention);
        model.setPrecision(precision);
    }
}
