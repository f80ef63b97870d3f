package io.dno.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** TRL's rewards/accuracies and margins, and the plain log-prob accuracy, on hand-computed numbers. */
class PairAccuracyTest {

    @Test
    void implicitRewardAndLogProbAccuracies() {
        // pair 0: policy -10 / -12, reference -11 / -11 -> rewards 0.1, -0.1: the reward and the log-probs prefer chosen
        // pair 1: policy -20 / -15, reference -25 / -14 -> rewards 0.5, -0.1: the reward prefers chosen, log-probs do not
        // pair 2: policy -5 / -6, reference -4 / -7 -> rewards -0.1, 0.1: log-probs prefer chosen, the reward does not
        PairAccuracy a = PairAccuracy.of(new double[] {-10, -20, -5}, new double[] {-12, -15, -6},
                new double[] {-11, -25, -4}, new double[] {-11, -14, -7}, 0.1);
        assertEquals(2 / 3.0, a.rewardAccuracy(), 1e-12);
        assertEquals(2 / 3.0, a.logProbAccuracy(), 1e-12);
        assertEquals((0.2 + 0.6 - 0.2) / 3, a.meanRewardMargin(), 1e-12);
        assertEquals((0.1 + 0.5 - 0.1) / 3, a.meanChosenReward(), 1e-12);
        assertEquals((-0.1 - 0.1 + 0.1) / 3, a.meanRejectedReward(), 1e-12);
        PairAccuracy tie = PairAccuracy.of(new double[] {-1}, new double[] {-1}, new double[] {-1}, new double[] {-1}, 0.1);
        assertEquals(0, tie.rewardAccuracy(), "a tie is not a win (TRL compares with >)");
        assertThrows(IllegalArgumentException.class, () -> PairAccuracy.of(new double[0], new double[0], new double[0],
                new double[0], 0.1));
    }
}
