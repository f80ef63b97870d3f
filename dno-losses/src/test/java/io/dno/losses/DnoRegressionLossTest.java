package io.dno.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.dno.core.train.PairLogProbs;
import org.junit.jupiter.api.Test;

/** DNO's Eq. 8 soft-target BCE and its target helper. */
class DnoRegressionLossTest {

    @Test
    void softTargetBceOfMarginThree() {
        // η = 0.1, Δ = 3, z = 0.7: −(0.7 log σ(0.3) + 0.3 log σ(−0.3)) = softplus(−0.3) + 0.3·0.3 = 0.5543552 + 0.09
        assertEquals(0.6443552, Evaluated.of(Losses.dnoRegression(0.1), DpoLossTest.PAIR.withTargets(0.7)).loss(), 1e-6);
    }

    @Test
    void hardTargetOfOneIsTheContrastiveLoss() {
        PairBatch hard = DpoLossTest.TWO.withTargets(1, 1);
        assertEquals(Evaluated.of(Losses.dnoContrastive(0.1), hard).loss(),
                Evaluated.of(Losses.dnoRegression(0.1), hard).loss(), 1e-6);
    }

    @Test
    void softTargetIsTheSigmoidOfTheRewardGap() {
        // σ(1 − 0) = 1/(1 + e^−1); σ(0.75 − 0.25) = 1/(1 + e^−0.5); symmetric: σ(−d) = 1 − σ(d)
        assertEquals(0.7310585786, DnoRegressionLoss.softTarget(1, 0), 1e-10);
        assertEquals(0.6224593312, DnoRegressionLoss.softTarget(0.75, 0.25), 1e-10);
        assertEquals(1 - 0.6224593312, DnoRegressionLoss.softTarget(0.25, 0.75), 1e-10);
        assertEquals(0.0, DnoRegressionLoss.softTarget(-1000, 1000), 1e-300);
        assertThrows(IllegalArgumentException.class, () -> DnoRegressionLoss.softTarget(Double.NaN, 0));
    }

    @Test
    void gradientIsEtaTimesPredictionMinusTarget() {
        // dL/dπc_i = (η/B)(σ(ηΔ_i) − z_i), Δ = (3, −1), z = (0.7, 0.2), η = 0.1, B = 2
        float[] expected = {(float) (0.05 * (ReferenceLosses.sigmoid(0.3) - 0.7)),
                (float) (0.05 * (ReferenceLosses.sigmoid(-0.1) - 0.2))};
        try (NDManager m = NDManager.newBaseManager()) {
            PairLogProbs b = DpoLossTest.TWO.withTargets(0.7, 0.2).toLogProbs(m);
            b.policyChosen().setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(Losses.dnoRegression(0.1).compute(b).loss());
            }
            assertArrayEquals(expected, b.policyChosen().getGradient().toFloatArray(), 1e-7f);
        }
    }

    @Test
    void explainsMissingTargets() {
        try (NDManager m = NDManager.newBaseManager()) {
            PairLogProbs b = DpoLossTest.PAIR.toLogProbs(m);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Losses.dnoRegression(0.1).compute(b));
            assertTrue(e.getMessage().contains("dnoRegression(eta=0.1) needs soft targets"), e.getMessage());
        }
    }

    @Test
    void rejectsTargetsOutsideTheUnitInterval() {
        try (NDManager m = NDManager.newBaseManager()) {
            PairLogProbs b = DpoLossTest.TWO.withTargets(0.5, 1.5).toLogProbs(m);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Losses.dnoRegression(0.1).compute(b));
            assertTrue(e.getMessage().contains("in [0, 1]") && e.getMessage().contains("max 1.5"), e.getMessage());
        }
    }

    @Test
    void rejectsNonPositiveEta() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.dnoRegression(0));
        assertTrue(e.getMessage().contains("eta (η) must be a finite number > 0, got 0.0"), e.getMessage());
        assertEquals("dnoRegression(eta=0.1)", Losses.dnoRegression(0.1).name());
    }
}
