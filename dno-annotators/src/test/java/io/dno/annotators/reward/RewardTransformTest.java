package io.dno.annotators.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The transforms from raw rewards to the pair rule's 0–6 scale, on hand-computed values. */
class RewardTransformTest {

    @Test
    void minMaxSpreadsAPromptsRewardsOverTheScale() {
        // min -1, max 2: s = 6 (r + 1) / 3 = 2 (r + 1)
        assertArrayEquals(new double[] {0, 6, 3, 2}, new RewardTransform.MinMax().toScale(new double[] {-1, 2, 0.5, 0}),
                1e-12);
        assertArrayEquals(new double[] {3, 3}, new RewardTransform.MinMax().toScale(new double[] {0.7, 0.7}), 0,
                "equal rewards: the middle of the scale, so no pair");
    }

    @Test
    void sigmoidIsSixTimesTheBradleyTerryWinProbabilityAgainstTheCenter() {
        RewardTransform.Sigmoid t = new RewardTransform.Sigmoid(1.0, 1.0);
        double[] s = t.toScale(new double[] {1.0, 1.0 + Math.log(5), 1.0 - Math.log(5), 1e6});
        assertEquals(3, s[0], 1e-12, "the center scores 3");
        assertEquals(5, s[1], 1e-12, "center + ln 5: probability 5/6, the positive threshold");
        assertEquals(1, s[2], 1e-12, "center - ln 5: probability 1/6");
        assertEquals(6, s[3], 1e-12);
        assertEquals(5, new RewardTransform.Sigmoid(0, 2).toScale(new double[] {2 * Math.log(5)})[0], 1e-12,
                "the temperature stretches the reward axis");
        assertThrows(IllegalArgumentException.class, () -> new RewardTransform.Sigmoid(0, 0));
    }
}
