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

    /**
     * Called by the {@link io.dno.core.train.Trainer} before each micro-batch's forward pass with a seed that is a
     * pure function of (trainer seed, optimiser step, micro-batch): a projection that draws random numbers while
     * training (LoRA dropout) draws them from this seed, so a run resumed from a checkpoint repeats them exactly.
     * A projection that wraps another passes the call on. The default draws nothing and does nothing.
     */
    default void seedRandomness(long seed) {}
}
