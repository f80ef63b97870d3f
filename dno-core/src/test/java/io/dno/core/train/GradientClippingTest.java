package io.dno.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    // grads: a = (3, 3, 3, 3), b = (4, −4) → ‖g‖ = √(4·9 + 2·16) = √68
    static final double NORM = Math.sqrt(68);

    @Test
    void scalesAllGradientsByMaxNormOverNormWhenAbove() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = params(m, new float[] {3, 3, 3, 3}, new float[] {4, -4});
            double norm = GradientClipping.clipGlobalNorm(params, 1.0);
            assertEquals(NORM, norm, 1e-5);
            float c = (float) (1.0 / (NORM + 1e-6)); // torch: max_norm / (total_norm + 1e-6)
            assertArrayEquals(new float[] {3 * c, 3 * c, 3 * c, 3 * c}, params.get("a").getGradient().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {4 * c, -4 * c}, params.get("b").getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void leavesGradientsAloneWhenBelowMaxNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = params(m, new float[] {3, 3, 3, 3}, new float[] {4, -4});
            assertEquals(NORM, GradientClipping.clipGlobalNorm(params, 10.0), 1e-5);
            assertArrayEquals(new float[] {4, -4}, params.get("b").getGradient().toFloatArray());
        }
    }

    @Test
    void skipsParametersWithoutGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = params(m, new float[] {3, 3, 3, 3}, new float[] {4, -4});
            params.put("frozen", m.create(new float[] {100f}));
            assertEquals(NORM, GradientClipping.clipGlobalNorm(params.values(), 1.0), 1e-5);
            assertEquals(0.0, GradientClipping.clipGlobalNorm(List.of(m.create(new float[] {1f})), 1.0));
        }
    }

    @Test
    void reportsNonFiniteNormWithoutScaling() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = params(m, new float[] {3, Float.NaN, 3, 3}, new float[] {4, -4});
            assertTrue(Double.isNaN(GradientClipping.clipGlobalNorm(params, 1.0)));
            assertArrayEquals(new float[] {4, -4}, params.get("b").getGradient().toFloatArray());
        }
    }

    @Test
    void rejectsNonPositiveMaxNorm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipGlobalNorm(Map.of(), 0));
        assertTrue(e.getMessage().contains("maxNorm must be finite and > 0, got 0.0"), e.getMessage());
    }

    /** Parameters a and b whose gradients are {@code ga} and {@code gb}. */
    static Map<String, NDArray> params(NDManager m, float[] ga, float[] gb) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        params.put("a", m.zeros(new ai.djl.ndarray.types.Shape(ga.length)));
        params.put("b", m.zeros(new ai.djl.ndarray.types.Shape(gb.length)));
        params.values().forEach(p -> p.setRequiresGradient(true));
        try (NDManager tmp = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(tmp.create(ga).mul(params.get("a")).sum().add(tmp.create(gb).mul(params.get("b")).sum()));
        }
        return params;
    }
}
