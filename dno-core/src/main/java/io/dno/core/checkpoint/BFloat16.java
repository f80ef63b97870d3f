package io.dno.core.checkpoint;

/**
 * Conversions between float32 and bfloat16 (the upper 16 bits of an IEEE 754 float32), done in Java
 * because DJL cannot represent bfloat16 arrays. Rounding is to nearest, ties to even, as in PyTorch's
 * {@code c10::BFloat16} ({@code round_to_nearest_even}); NaN stays a quiet NaN of the same sign.
 */
public final class BFloat16 {
    private BFloat16() {}

    /** The bfloat16 bits nearest to {@code value}, ties to even; overflow rounds to infinity. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    /** The float32 with the same value as the bfloat16 {@code bits} (exact). */
    public static float toFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }
}
