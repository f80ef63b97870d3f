package io.dno.core.pairs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Algorithm 2 line 5's win-rate estimate and Eq. 8's soft target (Rosset et al. 2024). */
class WinRatesTest {

    @Test
    void scoresGiveTheMeanOfWinsTiesAndLossesOverTheOtherDraws() {
        // draws: a (5) once, b (3) twice, c (1) once; n = 4, each compared with the other three draws
        // r(a) = (1 + 1 + 1) / 3; r(b) = (0 + ½ + 1) / 3 (its other copy ties); r(c) = 0
        double[] r = WinRates.fromScores().estimate(new double[] {5, 3, 1}, new int[] {1, 2, 1});
        assertArrayEquals(new double[] {1, 0.5, 0}, r, 1e-15);
    }

    @Test
    void oneDrawHasNoOpponentAndSitsAtOneHalf() {
        assertArrayEquals(new double[] {0.5}, WinRates.fromScores().estimate(new double[] {4}, new int[] {1}));
        assertArrayEquals(new double[] {0.5}, WinRates.fromScores().estimate(new double[] {4}, new int[] {3}));
    }

    @Test
    void aScaleReadsScoresAsTheAnnotatorsWinRates() {
        assertArrayEquals(new double[] {0.75, 0, 1},
                WinRates.fromScale(0, 6).estimate(new double[] {4.5, 0, 6}, new int[] {1, 4, 1}), 1e-15);
        var e = assertThrows(IllegalArgumentException.class, () -> WinRates.fromScale(1, 1));
        assertTrue(e.getMessage().contains("finite min < max"), e.getMessage());
    }

    @Test
    void softTargetIsTheSigmoidOfTheGapAndOneHalfForATie() {
        assertEquals(0.5, WinRates.softTarget(0.3, 0.3));
        assertEquals(1 / (1 + Math.exp(-1)), WinRates.softTarget(1, 0), 1e-15);   // the largest a win rate allows
        assertEquals(1 - WinRates.softTarget(0.75, 0.25), WinRates.softTarget(0.25, 0.75), 1e-15);
        var e = assertThrows(IllegalArgumentException.class, () -> WinRates.softTarget(Double.NaN, 0));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }
}
