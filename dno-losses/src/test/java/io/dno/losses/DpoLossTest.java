package io.dno.losses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.dno.core.train.PairLogProbs;
import org.junit.jupiter.api.Test;

class DpoLossTest {
    // β = 0.1; πc = −10, rc = −12, πr = −11, rr = −10 → Δ = (−10 + 12) − (−11 + 10) = 3
    static final PairBatch PAIR = PairBatch.single(-10, -12, -11, -10, 4, 5);
    // second pair: πc = −6, rc = −5, πr = −9, rr = −9 → Δ = −1
    static final PairBatch TWO = new PairBatch(new double[] {-10, -6}, new double[] {-12, -5}, new double[] {-11, -9},
            new double[] {-10, -9}, new double[] {4, 2}, new double[] {5, 3}, null);

    @Test
    void dpoOfMarginThreeIsLogOnePlusExpMinusPointThree() {
        // −log σ(0.1·3) = ln(1 + e^−0.3)
        assertEquals(0.5543552, Evaluated.of(Losses.dpo(0.1), PAIR).loss(), 1e-6);
    }

    @Test
    void dpoAveragesOverThePairs() {
        // (ln(1 + e^−0.3) + ln(1 + e^0.1)) / 2 = (0.5543552 + 0.7443967) / 2
        assertEquals(0.6493760, Evaluated.of(Losses.dpo(0.1), TWO).loss(), 1e-6);
    }

    @Test
    void conservativeDpoAddsEpsilonTimesBetaMargin() {
        // −0.9 log σ(0.3) − 0.1 log σ(−0.3) = softplus(−0.3) + 0.1·0.3 = 0.5543552 + 0.03
        assertEquals(0.5843552, Evaluated.of(Losses.conservativeDpo(0.1, 0.1), PAIR).loss(), 1e-6);
    }

    @Test
    void robustDpoSubtractsTheNoiseCorrection() {
        // (0.9·(−log σ(0.3)) + 0.1 log σ(−0.3)) / 0.8 = softplus(−0.3) − 0.1·0.3/0.8 = 0.5543552 − 0.0375
        assertEquals(0.5168552, Evaluated.of(Losses.robustDpo(0.1, 0.1), PAIR).loss(), 1e-6);
    }

    @Test
    void zeroSmoothingGivesPlainDpo() {
        double dpo = Evaluated.of(Losses.dpo(0.1), TWO).loss();
        assertEquals(dpo, Evaluated.of(Losses.conservativeDpo(0.1, 0), TWO).loss(), 1e-7);
        assertEquals(dpo, Evaluated.of(Losses.robustDpo(0.1, 0), TWO).loss(), 1e-7);
        assertEquals(dpo, Evaluated.of(Losses.dnoContrastive(0.1), TWO).loss(), 1e-7);
    }

    @Test
    void reportsTrlMetrics() {
        // rewards: chosen 0.1·(−10 + 12) = 0.2, rejected 0.1·(−11 + 10) = −0.1
        Evaluated m = Evaluated.of(Losses.dpo(0.1), PAIR);
        assertAll(
                () -> assertEquals(0.2, m.metric("rewards/chosen"), 1e-6),
                () -> assertEquals(-0.1, m.metric("rewards/rejected"), 1e-6),
                () -> assertEquals(0.3, m.metric("rewards/margins"), 1e-6),
                () -> assertEquals(1, m.metric("rewards/accuracies"), 1e-7),
                () -> assertEquals(-10, m.metric("logps/chosen"), 1e-7),
                () -> assertEquals(-11, m.metric("logps/rejected"), 1e-7),
                () -> assertEquals(0.5543552, m.metric("loss"), 1e-6));
    }

    @Test
    void accuracyCountsPairsWhoseChosenRewardIsHigher() {
        // Δ = 3 and Δ = −1: one of two pairs ranked right; rewards/chosen = 0.1·mean(2, −1) = 0.05
        Evaluated m = Evaluated.of(Losses.dpo(0.1), TWO);
        assertEquals(0.5, m.metric("rewards/accuracies"), 1e-7);
        assertEquals(0.05, m.metric("rewards/chosen"), 1e-6);
        assertEquals(0.1, m.metric("rewards/margins"), 1e-6);
    }

    @Test
    void gradientWithRespectToPolicyLogProbsMatchesTheAnalyticDerivative() {
        // dL/dπc_i = −(β/B)·σ(−βΔ_i), dL/dπr_i = +(β/B)·σ(−βΔ_i), with Δ = (3, −1), β = 0.1, B = 2
        double[] expected = {-0.05 * ReferenceLosses.sigmoid(-0.3), -0.05 * ReferenceLosses.sigmoid(0.1)};
        try (NDManager m = NDManager.newBaseManager()) {
            PairLogProbs b = TWO.toLogProbs(m);
            b.policyChosen().setRequiresGradient(true);
            b.policyRejected().setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(Losses.dpo(0.1).compute(b).loss());
            }
            assertArrayEquals(toFloats(expected, 1), b.policyChosen().getGradient().toFloatArray(), 1e-7f);
            assertArrayEquals(toFloats(expected, -1), b.policyRejected().getGradient().toFloatArray(), 1e-7f);
        }
    }

    @Test
    void staysFiniteForHugeMargins() {
        // log σ via softplus: Δ = ±20000 at β = 0.1 gives 0 and 2000, not NaN or Inf
        PairBatch extreme = new PairBatch(new double[] {0, -20000}, new double[] {-20000, 0}, new double[] {0, 0},
                new double[] {0, 0}, new double[] {1, 1}, new double[] {1, 1}, null);
        assertEquals(1000f, Evaluated.of(Losses.dpo(0.1), extreme).loss(), 1e-3);
    }

    @Test
    void rejectsInvalidHyperparametersNamingThemAndTheRange() {
        IllegalArgumentException beta = assertThrows(IllegalArgumentException.class, () -> Losses.dpo(0));
        assertTrue(beta.getMessage().contains("beta (β) must be a finite number > 0, got 0.0"), beta.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.dpo(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Losses.robustDpo(Double.POSITIVE_INFINITY, 0.1));
        IllegalArgumentException eps = assertThrows(IllegalArgumentException.class, () -> Losses.conservativeDpo(0.1, 0.5));
        assertTrue(eps.getMessage().contains("must be in [0, 0.5), got 0.5"), eps.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.robustDpo(0.1, -0.01));
        IllegalArgumentException eta = assertThrows(IllegalArgumentException.class, () -> Losses.dnoContrastive(-1));
        assertTrue(eta.getMessage().contains("eta (η)"), eta.getMessage());
    }

    @Test
    void namesCarryTheHyperparameters() {
        assertEquals("dpo(beta=0.1)", Losses.dpo(0.1).name());
        assertEquals("conservativeDpo(beta=0.1, epsilon=0.2)", Losses.conservativeDpo(0.1, 0.2).name());
        assertEquals("robustDpo(beta=0.5, epsilon=0.1)", Losses.robustDpo(0.5, 0.1).name());
        assertEquals("dnoContrastive(eta=0.05)", Losses.dnoContrastive(0.05).name());
    }

    @Test
    void rejectsBatchesOfMismatchedShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            PairLogProbs good = TWO.toLogProbs(m);
            PairLogProbs bad = new PairLogProbs(good.policyChosen(), good.policyRejected(), good.referenceChosen(),
                    m.create(new float[] {1f}), good.chosenTokens(), good.rejectedTokens(), good.targets());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.dpo(0.1).compute(bad));
            assertTrue(e.getMessage().contains("shape (2)"), e.getMessage());
        }
    }

    private static float[] toFloats(double[] values, double sign) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (sign * values[i]);
        }
        return f;
    }
}
