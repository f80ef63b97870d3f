package io.dno.core.peft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.dno.core.model.Transformer;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Nf4Test {

    @Test
    void theCodebookIsQloras() {
        float[] codes = Nf4.codes();
        assertEquals(16, codes.length);
        assertEquals(-1f, codes[0]);
        assertEquals(0f, codes[7], "an exact zero");
        assertEquals(1f, codes[15]);
        for (int i = 1; i < 16; i++) {
            assertTrue(codes[i] > codes[i - 1], "ascending");
        }
        assertEquals(1 - 0.6961928009986877, Nf4.largestGap(), 1e-7, "widest gap: between -1 and the next code");
        for (int i = 0; i < 16; i++) {
            assertEquals(i, Nf4.nearest(codes[i]), "each code maps to itself");
        }
    }

    @Property(tries = 60)
    void roundTripErrorIsWithinHalfTheLargestGapTimesTheBlockAbsmax(@ForAll @IntRange(min = 1, max = 700) int length,
                                                                   @ForAll long seed) {
        float[] values = gaussian(length, seed);
        Nf4.Quantized q = Nf4.quantize(values);
        assertEquals(Nf4.blocks(length), q.absmax().length);
        assertEquals(Nf4.blocks(length) * 32, q.packed().length, "two codes per byte, whole blocks");
        float[] restored = q.dequantize();
        double halfGap = Nf4.largestGap() / 2;
        for (int i = 0; i < length; i++) {
            double bound = halfGap * q.absmax()[i / 64] * (1 + 1e-6);
            assertTrue(Math.abs(values[i] - restored[i]) <= bound, "value " + i + ": " + values[i] + " -> "
                    + restored[i] + ", bound " + bound);
        }
    }

    @Property(tries = 60)
    void packingRoundTripsEveryCode(@ForAll @IntRange(min = 1, max = 300) int length, @ForAll long seed) {
        float[] values = gaussian(length, seed);
        Nf4.Quantized q = Nf4.quantize(values);
        for (int i = 0; i < length; i++) {
            int expected = Nf4.nearest(values[i] / q.absmax()[i / 64]);
            assertEquals(expected, Nf4.code(q.packed(), i), "code of value " + i);
            assertEquals(Nf4.codes()[expected] * q.absmax()[i / 64], q.dequantize()[i]);
        }
        assertEquals(values.length, q.length());
    }

    @Property(tries = 30)
    void doubleQuantisedScalesStayWithinHalfAnInt8Step(@ForAll @IntRange(min = 1, max = 1200) int count,
                                                       @ForAll long seed) {
        float[] absmax = new float[count];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            absmax[i] = (float) (0.01 + rng.nextDouble() * 0.1);
        }
        DoubleQuantizedScales dq = DoubleQuantizedScales.quantize(absmax);
        float[] restored = dq.dequantize();
        for (int i = 0; i < count; i++) {
            double step = dq.groupScales()[i / DoubleQuantizedScales.GROUP_SIZE];
            assertTrue(Math.abs(absmax[i] - restored[i]) <= step / 2 + 1e-7, "scale " + i);
        }
        assertEquals(count + 4L * ((count + 255) / 256) + 4, dq.bytes());
    }

    @Test
    void theTensorSideDequantisationEqualsTheJavaOne() {
        for (boolean doubleQuant : List.of(false, true)) {
            try (Transformer model = Transformer.random(PeftFixtures.qwen2(), 3)) {
                String name = "model.layers.1.mlp.down_proj.weight";
                float[] original = model.parameters().get(name).toFloatArray();
                QuantizedBase base = QuantizedBase.quantize(model, LoraConfig.ALL_PROJECTIONS, doubleQuant);
                Nf4.Quantized q = Nf4.quantize(original);
                float[] scales = doubleQuant ? DoubleQuantizedScales.quantize(q.absmax()).dequantize() : q.absmax();
                float[] expected = Nf4.dequantize(q.packed(), scales, q.length());
                try (NDManager m = model.manager().newSubManager()) {
                    float[] actual = base.dequantized(name, m).toFloatArray();
                    assertEquals(0, PeftFixtures.maxAbsDiff(expected, actual), 1e-7);
                }
                QuantizedBase.Stats stats = base.stats();
                assertEquals(14, stats.weights());
                assertTrue(stats.maxBoundRatio() <= (doubleQuant ? 1.1 : 1.0 + 1e-6), stats::toString);
                assertTrue(stats.bitsPerValue() < (doubleQuant ? 4.25 : 4.55), stats::toString);
                assertTrue(model.parameters().keySet().stream().noneMatch(n -> n.endsWith("_proj.weight")),
                        "the float32 projection weights are freed");
            }
        }
    }

    private static float[] gaussian(int length, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) (rng.nextGaussian() * 0.02);
        }
        return v;
    }
}
