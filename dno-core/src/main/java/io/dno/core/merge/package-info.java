/**
 * Model merging and Disperse-Then-Merge.
 *
 * <p>{@link io.dno.core.merge.TensorMerge} holds the arithmetic of each {@link io.dno.core.merge.MergeMethod}
 * on one flattened tensor (float32 values, float64 accumulation): linear average, task arithmetic
 * (Ilharco et al. 2023), TIES (Yadav et al. 2023), DARE (Yu et al. 2024) and SLERP (as in mergekit).
 * {@link io.dno.core.merge.Merges} streams checkpoints and PEFT LoRA adapters through it tensor by tensor,
 * so memory holds one tensor per input, never whole models, and writes the result into a temporary
 * directory renamed into place when complete.
 *
 * <p>The merge arithmetic runs in plain Java arrays, not DJL: it is elementwise (no gradients), exact to
 * hand-check, and seeded DARE masks come from a {@link java.util.SplittableRandom} per (tensor, model).
 */
package io.dno.core.merge;
