package io.dno.core.peft;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * 4-bit NormalFloat (NF4) block-wise quantisation (Dettmers et al. 2023, QLoRA §3, Eq. 4 and Appendix E):
 * each block of {@link #BLOCK_SIZE} consecutive values is divided by its absolute maximum and every value is
 * replaced by the index of the nearest of the 16 NF4 code values, the quantiles of N(0, 1) rescaled to [−1, 1]
 * with an exact zero. Two 4-bit indices share a byte, the first in the high nibble (bitsandbytes' order).
 *
 * <p>Round-trip error bound: a value x in a block with absolute maximum m dequantises to c·m with c the code
 * nearest x/m, so |x − c·m| ≤ m · {@link #largestGap()} / 2.
 */
public final class Nf4 {
    /** bitsandbytes' block size for NF4 weights. */
    public static final int BLOCK_SIZE = 64;

    /** The 16 NF4 code values, ascending (bitsandbytes {@code get_4bit_type("nf4")}). */
    private static final float[] CODES = {
        -1.0f, -0.6961928009986877f, -0.5250730514526367f, -0.39491748809814453f,
        -0.28444138169288635f, -0.18477343022823334f, -0.09105003625154495f, 0.0f,
        0.07958029955625534f, 0.16093020141124725f, 0.24611230194568634f, 0.33791524171829224f,
        0.44070982933044434f, 0.5626170039176941f, 0.7229568362236023f, 1.0f,
    };

    private Nf4() {}

    /** A copy of the 16 code values, ascending. */
    public static float[] codes() {
        return CODES.clone();
    }

    /** The largest distance between adjacent code values (between −1 and −0.696). */
    public static double largestGap() {
        double gap = 0;
        for (int i = 1; i < CODES.length; i++) {
            gap = Math.max(gap, CODES[i] - CODES[i - 1]);
        }
        return gap;
    }

    /** The index of the code value nearest {@code normalized} (in [−1, 1]); ties go to the lower code. */
    public static int nearest(float normalized) {
        int lo = 0;
        for (int i = 1; i < CODES.length; i++) {
            if (normalized > (CODES[i - 1] + CODES[i]) / 2) {
                lo = i;
            }
        }
        return lo;
    }

    /** Number of blocks covering {@code length} values. */
    public static int blocks(int length) {
        return (length + BLOCK_SIZE - 1) / BLOCK_SIZE;
    }

    /**
     * Block-wise quantisation of {@code values}.
     *
     * @return the packed indices, padded to whole blocks ({@code blocks · 32} bytes), and each block's absmax
     */
    public static Quantized quantize(float[] values) {
        checkArgument(values.length > 0, "nothing to quantise");
        int blocks = blocks(values.length);
        float[] absmax = new float[blocks];
        byte[] packed = new byte[blocks * BLOCK_SIZE / 2];
        for (int b = 0; b < blocks; b++) {
            int start = b * BLOCK_SIZE;
            int end = Math.min(values.length, start + BLOCK_SIZE);
            float max = 0;
            for (int i = start; i < end; i++) {
                checkArgument(Float.isFinite(values[i]), "value %s at index %s is not finite", (Object) values[i], i);
                max = Math.max(max, Math.abs(values[i]));
            }
            absmax[b] = max;
            for (int i = start; i < start + BLOCK_SIZE; i++) {
                int code = i < end && max > 0 ? nearest(values[i] / max) : nearest(0f);
                int at = i / 2;
                packed[at] = (byte) (i % 2 == 0 ? code << 4 : (packed[at] & 0xF0) | code);
            }
        }
        return new Quantized(packed, absmax, values.length);
    }

    /** The values {@code q} stands for, using the block scales {@code absmax} (possibly themselves dequantised). */
    public static float[] dequantize(byte[] packed, float[] absmax, int length) {
        checkArgument(packed.length * 2 >= length && absmax.length == blocks(length),
                "%s packed bytes and %s scales do not cover %s values", packed.length, absmax.length, length);
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = CODES[code(packed, i)] * absmax[i / BLOCK_SIZE];
        }
        return out;
    }

    /** The 4-bit index of value {@code i} in {@code packed}. */
    public static int code(byte[] packed, int i) {
        int b = packed[i / 2] & 0xFF;
        return i % 2 == 0 ? b >>> 4 : b & 0x0F;
    }

    /**
     * Byte → its two code values (high nibble first), as a (256 · 2) table: one gather turns packed bytes into
     * values on the tensor side.
     */
    static float[] byteTable() {
        float[] table = new float[512];
        for (int b = 0; b < 256; b++) {
            table[2 * b] = CODES[b >>> 4];
            table[2 * b + 1] = CODES[b & 0x0F];
        }
        return table;
    }

    /**
     * A quantised tensor's data.
     *
     * @param packed two 4-bit code indices per byte, padded to whole blocks
     * @param absmax one scale per block of {@link #BLOCK_SIZE} values
     * @param length how many values it stands for
     */
    public record Quantized(byte[] packed, float[] absmax, int length) {

        public float[] dequantize() {
            return Nf4.dequantize(packed, absmax, length);
        }
    }
}
