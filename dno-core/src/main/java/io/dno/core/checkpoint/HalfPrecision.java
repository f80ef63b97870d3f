package io.dno.core.checkpoint;

/**
 * What the reader does with half-precision tensors. BF16 is always widened to float32 (in Java), because
 * DJL's native layer aborts the JVM on bfloat16 arrays.
 */
public enum HalfPrecision {
    /** F16 and BF16 tensors are widened to float32 (exact): the default, ready for training. */
    TO_FLOAT32,
    /** F16 tensors stay float16; BF16 tensors are still widened to float32. */
    KEEP_FLOAT16
}
