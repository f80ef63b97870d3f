package io.dno.cli.bench;

import io.dno.core.model.TransformerConfig;

/**
 * Training FLOPs of a decoder step, the numerator of MFU (Chowdhery et al. 2022, PaLM, Appendix B):
 * {@code 6·N} per token for the weight matmuls (forward 2N, backward 4N) plus {@code 12·L·d·T} per token
 * for attention's score and value products over a sequence of T tokens. N counts the weights a token
 * multiplies: every parameter except norms, and except the input embedding unless the head is tied to it
 * (a lookup is not a matmul; a tied matrix is multiplied once, as the head).
 */
final class ModelFlops {
    private ModelFlops() {}

    static long matmulParameters(TransformerConfig c) {
        long d = c.hiddenSize();
        long q = (long) c.numAttentionHeads() * c.headDim();
        long kv = (long) c.numKeyValueHeads() * c.headDim();
        long perLayer = d * q + 2 * d * kv + q * d + 3 * d * c.intermediateSize();
        return perLayer * c.numHiddenLayers() + (long) c.vocabSize() * d;
    }

    /** FLOPs of forward + backward over {@code sequences} sequences of {@code length} tokens. */
    static double trainingStep(TransformerConfig c, int sequences, int length) {
        return trainingStep(c, sequences, length, true);
    }

    /**
     * As {@link #trainingStep(TransformerConfig, int, int)}; with frozen weights (LoRA) backward computes only the
     * activations' gradients, so 4·N per token instead of 6·N (the adapters' own products are left out: r ≪ d).
     */
    static double trainingStep(TransformerConfig c, int sequences, int length, boolean weightGradients) {
        double tokens = (double) sequences * length;
        double attention = 12.0 * c.numHiddenLayers() * c.numAttentionHeads() * c.headDim() * length;
        return tokens * ((weightGradients ? 6.0 : 4.0) * matmulParameters(c) + attention);
    }
}
