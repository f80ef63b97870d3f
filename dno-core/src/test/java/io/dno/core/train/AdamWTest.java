package io.dno.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {
    static final AdamWSettings SETTINGS = new AdamWSettings(0.9, 0.999, 1e-8, 0.1);
    static final double LR = 0.01;
    // per-step gradients of w (4 values, incl. a tiny one where ε's placement matters) and b (2 values)
    static final float[][] W_GRADS = {{0.5f, -1f, 2f, 1e-6f}, {0.3f, -0.2f, 1.5f, -2e-6f}, {-0.4f, 0.1f, 1f, 1e-6f},
            {0.2f, 0.6f, -0.5f, 3e-6f}, {0.1f, -0.3f, 0.7f, -1e-6f}, {-0.6f, 0.2f, 0.4f, 2e-6f}};
    static final float[][] B_GRADS = {{1f, -1f}, {2f, 0.5f}, {-1f, 0.25f}, {0.5f, 0.5f}, {-0.5f, 1f}, {1f, -2f}};
    static final float[] W0 = {1f, -0.5f, 0.25f, 2f};
    static final float[] B0 = {0.1f, -0.1f};

    @Test
    void matchesTorchAdamWFormulaOverSeveralSteps() {
        TorchAdamWReference w = new TorchAdamWReference(toDoubles(W0), SETTINGS);
        TorchAdamWReference b = new TorchAdamWReference(toDoubles(B0), SETTINGS);
        try (NDManager m = NDManager.newBaseManager(); AdamW adamW = new AdamW(m, SETTINGS)) {
            Map<String, NDArray> params = params(m);
            for (int t = 0; t < W_GRADS.length; t++) {
                backward(params, t);
                adamW.step(params, LR);
                w.step(toDoubles(W_GRADS[t]), LR);
                b.step(toDoubles(B_GRADS[t]), LR);
                assertArrayEquals(w.param, toDoubles(params.get("w").toFloatArray()), 1e-6, "w after step " + t);
                assertArrayEquals(b.param, toDoubles(params.get("b").toFloatArray()), 1e-6, "b after step " + t);
            }
            assertEquals(W_GRADS.length, adamW.steps());
        }
    }

    @Test
    void firstStepMovesEachWeightByAboutTheLearningRate() {
        // step 1: m̂ = g, v̂ = g², so p ← p(1 − lr·λ) − lr·g/(|g| + ε): w0 = 1 → 1·(1 − 0.001) − 0.01 = 0.989
        try (NDManager m = NDManager.newBaseManager(); AdamW adamW = new AdamW(m, SETTINGS)) {
            Map<String, NDArray> params = params(m);
            backward(params, 0);
            adamW.step(params, LR);
            assertEquals(0.989f, params.get("w").getFloat(0), 1e-6f);
            // tiny gradient 1e-6: lr·1e-6/(1e-6 + 1e-8) = 0.0099010; DJL's Adam (ε on the uncorrected √v) differs here
            assertEquals(2f * 0.999f - 0.01f * 1e-6f / (1e-6f + 1e-8f), params.get("w").getFloat(3), 1e-6f);
        }
    }

    @Test
    void skipsFrozenParametersAndZeroesGradients() {
        try (NDManager m = NDManager.newBaseManager(); AdamW adamW = new AdamW(m, SETTINGS)) {
            Map<String, NDArray> params = params(m);
            NDArray frozen = m.create(new float[] {3f, 4f});
            params.put("frozen", frozen);
            backward(params, 0);
            adamW.step(params, LR);
            assertArrayEquals(new float[] {3f, 4f}, frozen.toFloatArray());
            assertArrayEquals(new float[4], params.get("w").getGradient().toFloatArray());
            assertArrayEquals(new float[2], params.get("b").getGradient().toFloatArray());
            try (NDManager out = NDManager.newBaseManager()) {
                assertEquals(java.util.Set.of("w", "b"), adamW.exportState(out).parameterNames());
            }
        }
    }

    @Test
    void exportAndRestoreMidRunReproducesTheUninterruptedRunExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> straight = params(m);
            try (AdamW adamW = new AdamW(m, SETTINGS)) {
                for (int t = 0; t < W_GRADS.length; t++) {
                    backward(straight, t);
                    adamW.step(straight, LR);
                }
            }
            Map<String, NDArray> resumed = params(m);
            AdamWState saved;
            NDManager checkpoint = m.newSubManager();
            try (AdamW first = new AdamW(m, SETTINGS)) {
                for (int t = 0; t < 3; t++) {
                    backward(resumed, t);
                    first.step(resumed, LR);
                }
                saved = first.exportState(checkpoint);
            }
            try (AdamW second = new AdamW(m, SETTINGS)) {
                second.restoreState(saved);
                checkpoint.close(); // the optimizer copied what it needs
                assertEquals(3, second.steps());
                for (int t = 3; t < W_GRADS.length; t++) {
                    backward(resumed, t);
                    second.step(resumed, LR);
                }
                assertEquals(W_GRADS.length, second.steps());
            }
            assertArrayEquals(straight.get("w").toFloatArray(), resumed.get("w").toFloatArray(), 0f);
            assertArrayEquals(straight.get("b").toFloatArray(), resumed.get("b").toFloatArray(), 0f);
        }
    }

    @Test
    void exportedStateHoldsMomentsAndPerParameterSteps() {
        // after one step with g = (1, −1): exp_avg = 0.1·g, exp_avg_sq = 0.001·g², step = 1
        try (NDManager m = NDManager.newBaseManager(); AdamW adamW = new AdamW(m, SETTINGS)) {
            Map<String, NDArray> params = params(m);
            backward(params, 0);
            adamW.step(params, LR);
            AdamWState state = adamW.exportState(m);
            assertArrayEquals(new float[] {0.1f, -0.1f}, state.tensors().get("b.exp_avg").toFloatArray(), 1e-7f);
            assertArrayEquals(new float[] {0.001f, 0.001f}, state.tensors().get("b.exp_avg_sq").toFloatArray(), 1e-8f);
            assertEquals(1L, state.tensors().get("b.step").getLong(0));
            assertEquals(1L, state.steps());
        }
    }

    @Test
    void rejectsIncompleteOrMismatchedState() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> new AdamWState(1, Map.of("w.exp_avg", m.zeros(new ai.djl.ndarray.types.Shape(4)))));
            assertTrue(missing.getMessage().contains("lacks 'w.exp_avg_sq'"), missing.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new AdamWState(1, Map.of("w", m.zeros(new ai.djl.ndarray.types.Shape(1)))));
            // state for a parameter of another shape
            AdamWState wrongShape = new AdamWState(1, Map.of("w.exp_avg", m.zeros(new ai.djl.ndarray.types.Shape(3)),
                    "w.exp_avg_sq", m.zeros(new ai.djl.ndarray.types.Shape(3)), "w.step", m.create(new long[] {1})));
            try (AdamW adamW = new AdamW(m, SETTINGS)) {
                adamW.restoreState(wrongShape);
                Map<String, NDArray> params = params(m);
                backward(params, 0);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adamW.step(params, LR));
                assertTrue(e.getMessage().contains("parameter 'w' has shape (3)"), e.getMessage());
            }
        }
    }

    @Test
    void doesNotLeakArraysAcrossSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDManager model = m.newSubManager();
            Map<String, NDArray> params = params(model);
            try (AdamW adamW = new AdamW(m, SETTINGS)) {
                backward(params, 0);
                adamW.step(params, LR);
                int modelArrays = model.getManagedArrays().size();
                int all = m.getManagedArrays().size();
                for (int t = 1; t < W_GRADS.length; t++) {
                    backward(params, t);
                    adamW.step(params, LR);
                }
                assertEquals(modelArrays, model.getManagedArrays().size());
                assertEquals(all, m.getManagedArrays().size());
            }
        }
    }

    @Test
    void validatesSettingsAndLearningRate() {
        IllegalArgumentException beta = assertThrows(IllegalArgumentException.class,
                () -> new AdamWSettings(1.0, 0.999, 1e-8, 0));
        assertTrue(beta.getMessage().contains("beta1 (β1) must be in [0, 1), got 1.0"), beta.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AdamWSettings(0.9, 0.999, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> AdamWSettings.TORCH_DEFAULTS.withWeightDecay(-1));
        try (NDManager m = NDManager.newBaseManager(); AdamW adamW = new AdamW(m, SETTINGS)) {
            assertThrows(IllegalArgumentException.class, () -> adamW.step(new LinkedHashMap<>(), Double.NaN));
            assertFalse(adamW.steps() > 0);
        }
    }

    @Test
    void clipsOverBothWeightDecayGroupsEvenWhenOneIsEmpty() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (boolean anyDecayed : new boolean[] {true, false}) {
                Map<String, NDArray> params = params(m);
                try (AdamW adamW = new AdamW(m, SETTINGS, name -> anyDecayed && name.equals("w"))) {
                    backward(params, 0);
                    // ‖(0.5, −1, 2, 1e-6, 1, −1)‖ = √7.25
                    assertEquals(Math.sqrt(7.25), adamW.clipAndStep(params, LR, 1.0), 1e-5);
                    assertEquals(1, adamW.steps());
                    assertArrayEquals(new float[2], params.get("b").getGradient().toFloatArray());
                }
            }
        }
    }

    /** w (4) and b (2), trainable, in {@code m}. */
    static Map<String, NDArray> params(NDManager m) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        params.put("w", m.create(W0));
        params.put("b", m.create(B0));
        params.values().forEach(p -> p.setRequiresGradient(true));
        return params;
    }

    /** Sets the gradients of w and b to those of step t: d/dp Σ p·c = c. */
    static void backward(Map<String, NDArray> params, int t) {
        NDArray w = params.get("w");
        NDArray b = params.get("b");
        try (NDManager tmp = w.getManager().newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            // constants first: results attach to the first operand's manager, so nothing lands in the model's
            gc.backward(tmp.create(W_GRADS[t]).mul(w).sum().add(tmp.create(B_GRADS[t]).mul(b).sum()));
        }
    }

    static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
