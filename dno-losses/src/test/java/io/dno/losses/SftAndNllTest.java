package io.dno.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Golden values of SFT's per-token NLL and of the NLL mix-in. */
class SftAndNllTest {

    @Test
    void sftIsTheTokenWeightedMeanNll() {
        // πc = (−10, −6), |y⁺| = (4, 2): −(−10 − 6)/(4 + 2) = 16/6 (not the mean of 2.5 and 3)
        assertEquals(16.0 / 6, Evaluated.of(Losses.sft(), DpoLossTest.TWO).loss(), 1e-6);
    }

    @Test
    void sftIgnoresTheReferenceAndReportsLogps() {
        PairBatch noReference = new PairBatch(new double[] {-10}, new double[] {Double.NaN}, new double[] {Double.NaN},
                new double[] {Double.NaN}, new double[] {4}, new double[] {Double.NaN}, null);
        Evaluated e = Evaluated.of(Losses.sft(), noReference);
        assertEquals(2.5, e.loss(), 1e-6);
        assertEquals(-10, e.metric("logps/chosen"), 1e-6);
        assertFalse(Losses.sft().needsReference());
        assertEquals("sft", Losses.sft().name());
    }

    @Test
    void withNllAddsAlphaTimesPerTokenNll() {
        // DPO ln(1 + e^−0.3) = 0.5543552 plus α·(10/4) with α = 1 → 3.0543552; α = 0.5 → 1.8043552
        Evaluated one = Evaluated.of(Losses.withNll(Losses.dpo(0.1), 1), DpoLossTest.PAIR);
        assertEquals(3.0543552, one.loss(), 1e-6);
        assertEquals(3.0543552, one.metric("loss"), 1e-6);
        assertEquals(2.5, one.metric("nll_loss"), 1e-6);
        assertEquals(0.2, one.metric("rewards/chosen"), 1e-6);
        assertEquals(1.8043552, Evaluated.of(Losses.withNll(Losses.dpo(0.1), 0.5), DpoLossTest.PAIR).loss(), 1e-6);
    }

    @Test
    void withNllKeepsTheInnerLossReferenceNeedAndName() {
        assertTrue(Losses.withNll(Losses.dpo(0.1), 1).needsReference());
        assertFalse(Losses.withNll(Losses.lengthNormalized(2, 0.5, false), 1).needsReference());
        assertEquals("withNll(dpo(beta=0.1), alpha=1.0)", Losses.withNll(Losses.dpo(0.1), 1).name());
    }

    @Test
    void withNllRejectsNonPositiveAlphaAndNullLoss() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.withNll(Losses.dpo(0.1), 0));
        assertTrue(e.getMessage().contains("alpha (α)") && e.getMessage().contains("> 0, got 0.0"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Losses.withNll(null, 1));
    }
}
