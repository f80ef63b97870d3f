package io.dno.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Golden values of IPO, hinge and the length-normalised (SimPO-style) loss. */
class OtherPairLossesTest {
    // πc = −10, rc = −12, πr = −11, rr = −10, |y⁺| = 4, |y⁻| = 5
    static final PairBatch PAIR = DpoLossTest.PAIR;

    @Test
    void ipoPullsThePerTokenMarginToOneOverTwoTau() {
        // Δ̄ = (−10 + 12)/4 − (−11 + 10)/5 = 0.5 + 0.2 = 0.7; τ = 0.1: (0.7 − 5)² = 18.49
        assertEquals(18.49, Evaluated.of(Losses.ipo(0.1), PAIR).loss(), 1e-4);
        // τ = 0.5: (0.7 − 1)² = 0.09
        assertEquals(0.09, Evaluated.of(Losses.ipo(0.5), PAIR).loss(), 1e-6);
    }

    @Test
    void ipoRewardsUsePerTokenLogRatios() {
        // τ·Δ̄ per side: 0.5·0.5 = 0.25 and 0.5·(−0.2) = −0.1
        Evaluated e = Evaluated.of(Losses.ipo(0.5), PAIR);
        assertEquals(0.25, e.metric("rewards/chosen"), 1e-6);
        assertEquals(-0.1, e.metric("rewards/rejected"), 1e-6);
    }

    @Test
    void hingeIsOneMinusBetaMarginUntilTheMarginIsMet() {
        // β = 0.1, Δ = 3: max(0, 1 − 0.3) = 0.7; β = 0.5: max(0, 1 − 1.5) = 0
        assertEquals(0.7, Evaluated.of(Losses.hinge(0.1), PAIR).loss(), 1e-6);
        assertEquals(0.0, Evaluated.of(Losses.hinge(0.5), PAIR).loss(), 0.0);
    }

    @Test
    void simpoWithoutReferenceUsesPerTokenPolicyLogProbs() {
        // β = 2, γ = 0.5: x = 2·(−10/4 − (−11/5)) − 0.5 = 2·(−0.3) − 0.5 = −1.1; −log σ(−1.1) = ln(1 + e^1.1)
        Evaluated e = Evaluated.of(Losses.lengthNormalized(2, 0.5, false), PAIR);
        assertEquals(1.3873353, e.loss(), 1e-6);
        // rewards β·log π/|y|: 2·(−2.5) = −5 and 2·(−2.2) = −4.4
        assertEquals(-5, e.metric("rewards/chosen"), 1e-5);
        assertEquals(-4.4, e.metric("rewards/rejected"), 1e-5);
        assertEquals(0, e.metric("rewards/accuracies"), 0);
    }

    @Test
    void simpoWithReferenceUsesPerTokenLogRatios() {
        // x = 2·(2/4 − (−1)/5) − 0.5 = 2·0.7 − 0.5 = 0.9; −log σ(0.9) = ln(1 + e^−0.9)
        assertEquals(0.3411539, Evaluated.of(Losses.lengthNormalized(2, 0.5, true), PAIR).loss(), 1e-6);
    }

    @Test
    void onlyTheReferenceFreeVariantSkipsTheReference() {
        assertFalse(Losses.lengthNormalized(2, 0.5, false).needsReference());
        assertTrue(Losses.lengthNormalized(2, 0.5, true).needsReference());
        assertTrue(Losses.ipo(0.1).needsReference());
        assertTrue(Losses.hinge(0.1).needsReference());
    }

    @Test
    void rejectsInvalidHyperparameters() {
        IllegalArgumentException tau = assertThrows(IllegalArgumentException.class, () -> Losses.ipo(-0.1));
        assertTrue(tau.getMessage().contains("tau (τ) must be a finite number > 0, got -0.1"), tau.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.hinge(0));
        IllegalArgumentException gamma = assertThrows(IllegalArgumentException.class,
                () -> Losses.lengthNormalized(2, -1, false));
        assertTrue(gamma.getMessage().contains("gamma (γ)") && gamma.getMessage().contains(">= 0, got -1.0"),
                gamma.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.lengthNormalized(Double.NaN, 0.5, false));
    }

    @Test
    void namesCarryTheHyperparameters() {
        assertEquals("ipo(tau=0.1)", Losses.ipo(0.1).name());
        assertEquals("hinge(beta=0.1)", Losses.hinge(0.1).name());
        assertEquals("lengthNormalized(beta=2.0, gamma=0.5, withReference=false)",
                Losses.lengthNormalized(2, 0.5, false).name());
    }
}
