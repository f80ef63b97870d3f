package io.dno.core.model;

/** How a {@link Transformer} computes softmax(QKᵀ/√D + bias)·V (Vaswani et al. 2017, Eq. 1). */
public enum AttentionKernel {
    /** NDArray ops: repeat the key/value heads, two matmuls, softmax. The reference path. */
    NAIVE,
    /**
     * PyTorch's fused {@code scaled_dot_product_attention} (flash-attention style kernels, grouped-query heads
     * without a repeat) through a small TorchScript module ({@link FusedAttention}); differentiable.
     */
    FUSED
}
