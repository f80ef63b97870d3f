package io.dno.core.peft;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * QLoRA's double quantisation of the block scales (Dettmers et al. 2023, §3 "Double Quantization"): the float32
 * absmax constants of the NF4 blocks are themselves quantised to 8 bits in blocks of {@link #GROUP_SIZE}, after
 * subtracting their mean (they are positive, so centring them uses the signed range). This cuts the scale
 * overhead from 32/64 = 0.5 bit to 8/64 + 32/(64·256) ≈ 0.127 bit per weight.
 *
 * <p>Simplification: the second-level code is symmetric linear int8 ({@code round(127·c/max|c|)}), where
 * bitsandbytes uses its 8-bit dynamic-tree float code; the storage and the block size are the same. Error
 * bound per scale: half a step, {@code max|c| / 254} of its group.
 *
 * @param codes       one signed 8-bit code per scale
 * @param groupScales the step of each group of {@link #GROUP_SIZE} scales (max|c| / 127)
 * @param offset      the mean of the original scales, added back
 * @param count       how many scales
 */
public record DoubleQuantizedScales(byte[] codes, float[] groupScales, float offset, int count) {
    /** Scales per second-level block, as in QLoRA. */
    public static final int GROUP_SIZE = 256;

    public DoubleQuantizedScales {
        checkArgument(codes.length == count && groupScales.length == groups(count),
                "%s codes and %s group scales for %s values", codes.length, groupScales.length, count);
    }

    static int groups(int count) {
        return (count + GROUP_SIZE - 1) / GROUP_SIZE;
    }

    public static DoubleQuantizedScales quantize(float[] absmax) {
        checkArgument(absmax.length > 0, "no scales to quantise");
        double sum = 0;
        for (float a : absmax) {
            sum += a;
        }
        float offset = (float) (sum / absmax.length);
        int groups = groups(absmax.length);
        float[] steps = new float[groups];
        byte[] codes = new byte[absmax.length];
        for (int g = 0; g < groups; g++) {
            int start = g * GROUP_SIZE;
            int end = Math.min(absmax.length, start + GROUP_SIZE);
            float max = 0;
            for (int i = start; i < end; i++) {
                max = Math.max(max, Math.abs(absmax[i] - offset));
            }
            float step = max / 127f;
            steps[g] = step;
            for (int i = start; i < end; i++) {
                int q = step > 0 ? Math.round((absmax[i] - offset) / step) : 0;
                codes[i] = (byte) Math.max(-127, Math.min(127, q));
            }
        }
        return new DoubleQuantizedScales(codes, steps, offset, absmax.length);
    }

    /** The scales these codes stand for. */
    public float[] dequantize() {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = codes[i] * groupScales[i / GROUP_SIZE] + offset;
        }
        return out;
    }

    /** Bytes these scales occupy: one per code, four per group step, four for the offset. */
    public long bytes() {
        return codes.length + 4L * groupScales.length + 4;
    }
}
