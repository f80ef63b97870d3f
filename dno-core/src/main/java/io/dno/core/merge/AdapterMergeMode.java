package io.dno.core.merge;

/** How LoRA adapters are merged. */
public enum AdapterMergeMode {
    /**
     * Merge the weight updates {@code ΔW_i = scale_i · B_i·A_i}: each adapter is applied to the base, the
     * resulting models are merged with the base as reference, and the output is a full checkpoint. Exact
     * for every method, at the cost of a full-rank result (no re-factoring into a low-rank adapter).
     */
    DELTA,
    /**
     * Merge the {@code lora_A} and {@code lora_B} tensors separately, as the Disperse-Then-Merge code does
     * ({@code basic_merge.py} averages adapter state dicts); the output is a PEFT adapter of the same rank.
     * The task-vector methods take the zero adapter as base, as PEFT's {@code add_weighted_adapter} does.
     * Note that the average of the factors is not the average of the updates {@code B·A}.
     */
    FACTORS
}
