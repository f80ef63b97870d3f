package io.dno.cli.nash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The games' arithmetic: the stated minimax winners are minimax, and the soft-policy iteration behaves as theory says. */
class GameTest {
    private static final double[] SKEWED = {0.6, 0.3, 0.1, 0};

    @Test
    void theStatedWinnersAreMinimaxWinnersAndNothingElseIs() {
        for (Game game : Game.ALL) {
            double[] winner = java.util.Arrays.copyOf(game.winner(), game.outcomes());
            assertEquals(0, game.exploitability(winner), 1e-12, game.key() + ": a best response ties the winner");
            assertEquals(0, game.distanceToWinner(winner), 1e-12);
            assertTrue(game.exploitability(SKEWED) > 0.1, game.key() + ": a skewed policy is beaten");
        }
        assertEquals(0.25, Game.CYCLIC.exploitability(SKEWED), 1e-12);       // P against 0.6 R: 0.6 + 0.3/2 − ½
    }

    @Test
    void anInvalidAnswerLosesToEveryMoveAndTiesItself() {
        for (Game game : Game.ALL) {
            int invalid = game.outcome("rock");
            assertEquals(game.moves().size(), invalid);
            for (int m = 0; m < game.moves().size(); m++) {
                assertEquals(1, game.prefer(m, invalid));
                assertEquals(0, game.prefer(invalid, m));
            }
            assertEquals(0.5, game.prefer(invalid, invalid));
        }
        // rock-paper-scissors: P beats R, S beats P, R beats S
        assertEquals(1, Game.CYCLIC.prefer(Game.CYCLIC.outcome("P"), Game.CYCLIC.outcome("R")));
        assertEquals(1, Game.CYCLIC.prefer(Game.CYCLIC.outcome("S"), Game.CYCLIC.outcome("P")));
        assertEquals(1, Game.CYCLIC.prefer(Game.CYCLIC.outcome("R"), Game.CYCLIC.outcome("S")));
    }

    @Test
    void softPolicyIterationBeatsItsStartAndKeepsTheUniformFixed() {
        // Eq. 9's target π* ∝ π·exp(r/η) is preferred to π whenever π is not a winner (Rosset et al. 2024 §3.1)
        for (Game game : Game.ALL) {
            double[] next = game.softPolicyIteration(SKEWED, 1.0);
            assertTrue(game.winRate(next, SKEWED) > 0.5, game.key());
        }
        double[] uniform = {1 / 3.0, 1 / 3.0, 1 / 3.0, 0};
        assertArrayEquals(uniform, Game.CYCLIC.softPolicyIteration(uniform, 0.1), 1e-12);
        assertEquals(0.5, Game.CYCLIC.winRate(uniform, SKEWED), 1e-12, "the uniform policy ties everything");
    }
}
