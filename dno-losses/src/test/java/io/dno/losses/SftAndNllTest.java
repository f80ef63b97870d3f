package io.dno.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.dno.core.train.PairLogProbs;
import io.dno.core.train.StepTotals;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden values of SFT's per-token NLL and of the NLL mix-in. */
class SftAndNllTest {

    @Test
    void sftIsTheTokenWeightedMeanNll() {
        // πc = (−10, −6), |y⁺| = (4, 2): −(−10 − 6)/(4 + 2) = 16/6 (not the mean of 2.5 and 3)
        assertEquals(16.0 / 6, Evaluated.of(Losses.sft(), DpoLossTest.TWO).loss(), 1e-6);
    }

    @Test
    void sftMicroBatchesDivideByTheStepsTokens() {
        // issue 16: one step of a 1-token demonstration (NLL 2) and a 99-token one (NLL 1 per token) in two
        // micro-batches. The trainer weighs each micro-batch by its share of examples (1/2); told the step's
        // totals (2 examples, 100 tokens), each divides by 100·1/2 = 50: ½·(2/50) + ½·(99/50) = 101/100 = 1.01,
        // the one-batch token mean (not ½·2 + ½·1 = 1.5)
        StepTotals step = new StepTotals(2, 100);
        double first = microLoss(-2, 1, step);
        double second = microLoss(-99, 99, step);
        assertEquals(1.01, 0.5 * first + 0.5 * second, 1e-6);
        assertEquals(1.01, Evaluated.of(Losses.sft(), new PairBatch(new double[] {-2, -99}, new double[2],
                new double[2], new double[2], new double[] {1, 99}, new double[] {1, 99}, null)).loss(), 1e-6,
                "one batch");
    }

    private static double microLoss(double logProb, double tokens, StepTotals step) {
        try (NDManager m = NDManager.newBaseManager()) {
            PairLogProbs b = PairBatch.single(logProb, 0, logProb, 0, tokens, tokens).toLogProbs(m);
            PairLogProbs micro = new PairLogProbs(b.policyChosen(), b.policyRejected(), b.referenceChosen(),
                    b.referenceRejected(), b.chosenTokens(), b.rejectedTokens(), b.targets(), Optional.of(step));
            return Losses.sft().compute(micro).loss().getFloat();
        }
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
