package io.dno.core.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each method against values worked out by hand on tiny tensors. */
class TensorMergeTest {
    private static final float EPS = 1e-6f;

    @Test
    void linearIsTheWeightedMean() {
        float[] merged = TensorMerge.merge("w", List.of(new float[] {1, 2, 3}, new float[] {3, 6, 9}), null,
                MergeSettings.of(MergeMethod.LINEAR).withWeights(List.of(1.0, 3.0)));
        // (1·1 + 3·3)/4, (1·2 + 3·6)/4, (1·3 + 3·9)/4
        assertArrayEquals(new float[] {2.5f, 5f, 7.5f}, merged, EPS);
    }

    @Test
    void taskArithmeticAddsScaledWeightedTaskVectors() {
        float[] base = {1, 1, 1};
        // τ1 = [1, -1, 0], τ2 = [0, 2, -2]; 0.5·τ1 + 1·τ2 = [0.5, 1.5, -2]; λ = 2 → [1, 3, -4]; + base
        float[] merged = TensorMerge.merge("w", List.of(new float[] {2, 0, 1}, new float[] {1, 3, -1}), base,
                MergeSettings.of(MergeMethod.TASK_ARITHMETIC).withWeights(List.of(0.5, 1.0)).withLambda(2));
        assertArrayEquals(new float[] {2, 4, -3}, merged, EPS);
    }

    @Test
    void tiesTrimsElectsSignAndTakesTheDisjointMean() {
        float[] base = {1, 1, 1, 1};
        float[] tau1 = {4, -1, 0.5f, -3};
        float[] tau2 = {-2, 2, 1, -1};
        float[] tau3 = {1, -3, 0, 2};
        // density 0.5 keeps 2 of 4 per task vector: τ1 → [4,0,0,-3]; τ2 (ties |−2| = |2|, lower index first)
        // → [-2,2,0,0]; τ3 → [0,-3,0,2]. Sums [2,-1,0,-1] elect signs [+,-,+,-].
        // Agreeing entries: [4], [-3], none, [-3] → merged τ = [4,-3,0,-3]; + base
        float[] merged = TensorMerge.merge("w", List.of(plus(base, tau1), plus(base, tau2), plus(base, tau3)), base,
                MergeSettings.of(MergeMethod.TIES).withDensity(0.5));
        assertArrayEquals(new float[] {5, -2, 1, -2}, merged, EPS);
    }

    @Test
    void tiesDisjointMeanIsWeighted() {
        float[] base = {0, 0};
        // density 1 keeps everything; signs: 1·2 + 3·4 > 0 → +, mean (1·2 + 3·4)/4 = 3.5;
        // 1·(-1) + 3·1 = 2 > 0 → +, only model 2 agrees → 1
        float[] merged = TensorMerge.merge("w", List.of(new float[] {2, -1}, new float[] {4, 1}), base,
                MergeSettings.of(MergeMethod.TIES).withDensity(1).withWeights(List.of(1.0, 3.0)));
        assertArrayEquals(new float[] {3.5f, 1f}, merged, EPS);
    }

    @Test
    void dareKeepsTheSeededMaskAndRescalesToTheL1NormAsMergekit() {
        int n = 20_000;
        Random random = new Random(7);
        float[] base = new float[n];
        float[] model = new float[n];
        for (int j = 0; j < n; j++) {
            base[j] = (float) random.nextGaussian();
            model[j] = base[j] + (float) random.nextGaussian();
        }
        MergeSettings s = MergeSettings.of(MergeMethod.DARE_LINEAR).withDrop(0.75).withSeed(11);
        float[] merged = TensorMerge.merge("layer.w", List.of(model), base, s);
        BitSet keep = TensorMerge.dropMasks("layer.w", n, 1, s)[0];
        double all = 0;
        double kept = 0;
        for (int j = 0; j < n; j++) {
            double tau = Math.abs((double) model[j] - base[j]);
            all += tau;
            kept += keep.get(j) ? tau : 0;
        }
        double rescale = all / kept;                      // mergekit's rescale: ‖τ‖₁ / ‖mask ⊙ τ‖₁
        for (int j = 0; j < n; j++) {
            double expected = keep.get(j) ? base[j] + rescale * ((double) model[j] - base[j]) : base[j];
            assertEquals(expected, merged[j], 1e-5, "entry " + j);
        }
        assertEquals(0.25, keep.cardinality() / (double) n, 0.02, "about 1 − p of the entries survive");
        assertEquals(4.0, rescale, 0.1, "close to the DARE paper's 1/(1 − p) on a large tensor");
        float[] plain = TensorMerge.merge("layer.w", List.of(model), base, s.withRescale(false));
        for (int j = 0; j < n; j++) {
            assertEquals(keep.get(j) ? model[j] : base[j], plain[j], 1e-6, "without rescale, entry " + j);
        }
    }

    @Test
    void dareIsReproducibleUnderASeedAndChangesWithIt() {
        Random random = new Random(3);
        float[] base = new float[500];
        float[] a = new float[500];
        float[] b = new float[500];
        for (int j = 0; j < 500; j++) {
            a[j] = (float) random.nextGaussian();
            b[j] = (float) random.nextGaussian();
        }
        for (MergeMethod m : List.of(MergeMethod.DARE_LINEAR, MergeMethod.DARE_TIES)) {
            MergeSettings s = MergeSettings.of(m).withDrop(0.5).withSeed(42);
            float[] first = TensorMerge.merge("t", List.of(a, b), base, s);
            assertArrayEquals(first, TensorMerge.merge("t", List.of(a, b), base, s), 0f, m + " under one seed");
            assertFalse(java.util.Arrays.equals(first, TensorMerge.merge("t", List.of(a, b), base, s.withSeed(43))),
                    m + " under another seed");
            assertFalse(java.util.Arrays.equals(first, TensorMerge.merge("u", List.of(a, b), base, s)),
                    m + ": each tensor gets its own mask");
        }
    }

    @Test
    void dareTiesWithoutDropsElectsSignsAndSumsTheAgreeingEntries() {
        float[] base = {0, 0};
        List<float[]> models = List.of(new float[] {1, -2}, new float[] {3, 1});
        // τ1 = [1, -2], τ2 = [3, 1]: sums [4, -1] → signs [+, -]; agreeing sums [1 + 3, -2] (mergekit: no normalize)
        MergeSettings s = MergeSettings.of(MergeMethod.DARE_TIES).withDrop(0);
        assertArrayEquals(new float[] {4, -2}, TensorMerge.merge("w", models, base, s), EPS);
        // normalize on: the agreeing entries' weighted mean, [(1 + 3)/2, -2/1]
        assertArrayEquals(new float[] {2, -2}, TensorMerge.merge("w", models, base, s.withNormalize(true)), EPS);
    }

    @Test
    void dareTiesDoesNotNormaliseByDefaultAsMergekit() {
        // issue 16's input: weights 0.5, 0.5, drop 0, τ1 = +1, τ2 = 0 on one entry; mergekit's dare_ties gives
        // base + 0.5·1 (Σ w_i·mask_i·τ_i), not base + (0.5·1)/0.5 = base + 1
        float[] base = {2};
        MergeSettings s = MergeSettings.of(MergeMethod.DARE_TIES).withDrop(0).withWeights(List.of(0.5, 0.5));
        assertArrayEquals(new float[] {2.5f}, TensorMerge.merge("w", List.of(new float[] {3}, new float[] {2}), base, s),
                EPS);
        assertArrayEquals(new float[] {3f}, TensorMerge.merge("w", List.of(new float[] {3}, new float[] {2}), base,
                s.withNormalize(true)), EPS);
    }

    @Test
    void normalizeDividesByTheWeightsWhereMergekitDoes() {
        float[] base = {1, 1};
        List<float[]> models = List.of(new float[] {3, 0}, new float[] {2, 2});      // τ1 = [2, -1], τ2 = [1, 1]
        List<Double> w = List.of(1.0, 3.0);
        // linear, normalize off: 1·[3, 0] + 3·[2, 2] = [9, 6]
        assertArrayEquals(new float[] {9, 6}, TensorMerge.merge("w", models, null,
                MergeSettings.of(MergeMethod.LINEAR).withWeights(w).withNormalize(false)), EPS);
        // task arithmetic, normalize on: base + (1·[2, -1] + 3·[1, 1]) / 4 = base + [1.25, 0.5]
        assertArrayEquals(new float[] {2.25f, 1.5f}, TensorMerge.merge("w", models, base,
                MergeSettings.of(MergeMethod.TASK_ARITHMETIC).withWeights(w).withNormalize(true)), EPS);
        // dare-linear (drop 0), normalize on: the same as task arithmetic with normalize
        assertArrayEquals(new float[] {2.25f, 1.5f}, TensorMerge.merge("w", models, base,
                MergeSettings.of(MergeMethod.DARE_LINEAR).withDrop(0).withWeights(w).withNormalize(true)), EPS);
        // ties (density 1), normalize off: signs [+, +] (2 + 3, -1 + 3); agreeing sums [2 + 3, 3]
        assertArrayEquals(new float[] {6, 4}, TensorMerge.merge("w", models, base,
                MergeSettings.of(MergeMethod.TIES).withDensity(1).withWeights(w).withNormalize(false)), EPS);
    }

    @Test
    void mergekitsDefaultsPerMethod() {
        assertTrue(MergeSettings.of(MergeMethod.LINEAR).normalize());
        assertTrue(MergeSettings.of(MergeMethod.TIES).normalize());
        assertFalse(MergeSettings.of(MergeMethod.TASK_ARITHMETIC).normalize());
        assertFalse(MergeSettings.of(MergeMethod.DARE_LINEAR).normalize());
        assertFalse(MergeSettings.of(MergeMethod.DARE_TIES).normalize());
        assertTrue(MergeSettings.of(MergeMethod.DARE_LINEAR).rescale());
        assertTrue(MergeSettings.of(MergeMethod.DARE_TIES).rescale());
        assertFalse(MergeSettings.of(MergeMethod.TIES).rescale());
    }

    @Test
    void tiesRescaleRestoresTheTrimmedVectorsL1Norm() {
        float[] base = {0, 0, 0, 0};
        // density 0.5 keeps [4, 0, 0, -2] of τ = [4, 1, 1, -2]; rescale ‖τ‖₁/‖kept‖₁ = 8/6
        float[] merged = TensorMerge.merge("w", List.of(new float[] {4, 1, 1, -2}), base,
                MergeSettings.of(MergeMethod.TIES).withDensity(0.5).withRescale(true));
        assertArrayEquals(new float[] {4 * 8 / 6f, 0, 0, -2 * 8 / 6f}, merged, EPS);
    }

    @Test
    void slerpOfOrthogonalUnitVectorsIsOnTheArc() {
        float[] merged = TensorMerge.merge("w", List.of(new float[] {1, 0}, new float[] {0, 1}), null,
                MergeSettings.of(MergeMethod.SLERP).withT(0.5));
        // θ = π/2: sin(π/4)/sin(π/2) for both
        float h = (float) Math.sin(Math.PI / 4);
        assertArrayEquals(new float[] {h, h}, merged, EPS);
        float[] third = TensorMerge.merge("w", List.of(new float[] {1, 0}, new float[] {0, 1}), null,
                MergeSettings.of(MergeMethod.SLERP).withT(1.0 / 3));
        assertArrayEquals(new float[] {(float) Math.cos(Math.PI / 6), (float) Math.sin(Math.PI / 6)}, third, EPS);
    }

    @Test
    void slerpEndpointsAreTheInputs() {
        Random random = new Random(5);
        float[] v0 = new float[64];
        float[] v1 = new float[64];
        for (int j = 0; j < 64; j++) {
            v0[j] = (float) random.nextGaussian();
            v1[j] = (float) random.nextGaussian();
        }
        MergeSettings s = MergeSettings.of(MergeMethod.SLERP);
        assertArrayEquals(v0, TensorMerge.merge("w", List.of(v0, v1), null, s.withT(0)), 0f);
        assertArrayEquals(v1, TensorMerge.merge("w", List.of(v0, v1), null, s.withT(1)), 0f);
    }

    @Test
    void slerpFallsBackToLinearWhenNearlyCollinear() {
        float[] v0 = {1, 2, 3};
        float[] v1 = {2, 4, 6.0001f};
        float[] merged = TensorMerge.merge("w", List.of(v0, v1), null, MergeSettings.of(MergeMethod.SLERP).withT(0.25));
        assertArrayEquals(new float[] {1.25f, 2.5f, 0.75f * 3 + 0.25f * 6.0001f}, merged, EPS);
    }

    @Test
    void mergingIdenticalModelsReturnsThatModel() {
        Random random = new Random(9);
        float[] base = new float[257];
        float[] model = new float[257];
        for (int j = 0; j < model.length; j++) {
            base[j] = (float) random.nextGaussian();
            model[j] = (float) (base[j] + 0.01 * random.nextGaussian());
        }
        List<float[]> three = List.of(model, model.clone(), model.clone());
        List<Double> thirds = List.of(1 / 3.0, 1 / 3.0, 1 / 3.0);
        assertArrayEquals(model, TensorMerge.merge("w", three, null, MergeSettings.of(MergeMethod.LINEAR)), 0f);
        assertArrayEquals(model, TensorMerge.merge("w", three, base,
                MergeSettings.of(MergeMethod.TASK_ARITHMETIC).withWeights(thirds)), 0f);
        assertArrayEquals(model, TensorMerge.merge("w", three, base, MergeSettings.of(MergeMethod.TIES).withDensity(1)), 0f);
        assertArrayEquals(model, TensorMerge.merge("w", three, base,
                MergeSettings.of(MergeMethod.DARE_LINEAR).withDrop(0).withWeights(thirds)), 0f);
        assertArrayEquals(model, TensorMerge.merge("w", three, base,
                MergeSettings.of(MergeMethod.DARE_TIES).withDrop(0).withWeights(thirds)), 0f);
        assertArrayEquals(model, TensorMerge.merge("w", List.of(model, model.clone()), null,
                MergeSettings.of(MergeMethod.SLERP).withT(0.37)), 0f);
    }

    @Test
    void trimKeepsTheRequestedCount() {
        float[] base = new float[10];
        float[] model = {5, 5, 5, 5, 1, 1, 1, 1, 1, 1};
        BitSet mask = TensorMerge.trimMasks(List.of(model), base, 0.3)[0];
        assertEquals(3, mask.cardinality());
        assertTrue(mask.get(0) && mask.get(1) && mask.get(2) && !mask.get(3));
    }

    @Test
    void badArgumentsAreExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TensorMerge.merge("layer.w",
                List.of(new float[2], new float[3]), null, MergeSettings.of(MergeMethod.LINEAR)));
        assertTrue(e.getMessage().contains("layer.w"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TensorMerge.merge("w", List.of(new float[2]), null,
                MergeSettings.of(MergeMethod.TIES)));
        assertTrue(e.getMessage().contains("base"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MergeSettings.of(MergeMethod.DARE_LINEAR).withDrop(1));
        assertTrue(e.getMessage().contains("drop"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MergeMethod.parse("average"));
        assertTrue(e.getMessage().contains("task-arithmetic"), e.getMessage());
        assertEquals(MergeMethod.DARE_TIES, MergeMethod.parse("dare_ties"));
    }

    @Test
    void halfPrecisionDecodesExactly() {
        assertEquals(1f, SafetensorsTensors.halfToFloat((short) 0x3C00));
        assertEquals(-2f, SafetensorsTensors.halfToFloat((short) 0xC000));
        assertEquals(65504f, SafetensorsTensors.halfToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, SafetensorsTensors.halfToFloat((short) 0x0001), "smallest subnormal");
        assertEquals(Float.NEGATIVE_INFINITY, SafetensorsTensors.halfToFloat((short) 0xFC00));
        assertTrue(Float.isNaN(SafetensorsTensors.halfToFloat((short) 0x7E00)));
        assertEquals(-0f, SafetensorsTensors.halfToFloat((short) 0x8000));
    }

    private static float[] plus(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = a[j] + b[j];
        }
        return out;
    }
}
