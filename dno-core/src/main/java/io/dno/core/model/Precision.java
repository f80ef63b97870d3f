package io.dno.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.core.Linear;
import io.dno.core.tensor.TorchScriptModule;

/**
 * The number format of a {@link Transformer}'s matrix products: the q/k/v/o/gate/up/down projections and the LM
 * head. Weights (the master copy the optimiser updates), norms, rotary embeddings, attention's softmax, the
 * log-softmax and the loss stay float32 either way (mixed precision as in Micikevicius et al. 2018, "Mixed
 * Precision Training", with bfloat16, which needs no loss scaling).
 */
public enum Precision {
    /** float32 products ({@code torch.nn.functional.linear}). */
    F32,
    /**
     * bfloat16 products with float32 inputs and outputs: activation and weight are cast to bf16 and the product
     * back to f32 inside one differentiable TorchScript call ({@code linear_bf16.pt}), so the backward products run
     * in bf16 too and the weight's gradient arrives in f32. About 3 significant digits per product.
     */
    BF16;

    /**
     * {@code x·Wᵀ} in this precision.
     *
     * @param x      (..., in) float32
     * @param weight (out, in) float32
     * @return (..., out) float32, in the manager of {@code x}
     */
    public NDArray linear(NDArray x, NDArray weight) {
        return switch (this) {
            case F32 -> Linear.linear(x, weight).singletonOrThrow();
            case BF16 -> TorchScriptModule.of("/io/dno/core/model/linear_bf16.pt", x.getDevice())
                    .forward(new NDList(x, weight));
        };
    }
}
