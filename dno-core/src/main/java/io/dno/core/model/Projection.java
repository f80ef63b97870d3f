package io.dno.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/**
 * How a {@link Transformer} computes one of its linear projections {@code x·Wᵀ} (q, k, v, o, gate, up, down).
 * The default multiplies by the stored weight; parameter-efficient fine-tuning plugs in here: a LoRA adapter
 * adds its low-rank update, a 4-bit base supplies a weight dequantised on the fly.
 */
@FunctionalInterface
public interface Projection {

    /** Plain {@code torch.nn.functional.linear(x, weight)}. */
    Projection PLAIN = (weightName, x, weight) -> Linear.linear(x, weight).singletonOrThrow();

    /**
     * @param weightName the HF name of the weight, e.g. {@code model.layers.0.self_attn.q_proj.weight}
     * @param x          (B, T, in) activations
     * @param weight     (out, in) the stored weight, or {@code null} when the weight was handed over to this
     *                   projection ({@link Transformer#releaseParameter})
     * @return (B, T, out)
     */
    NDArray apply(String weightName, NDArray x, NDArray weight);
}
