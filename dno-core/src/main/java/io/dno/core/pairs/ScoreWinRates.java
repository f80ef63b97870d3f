package io.dno.core.pairs;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * {@link WinRates#fromScores()}: r(y) = (Σ_{y' ≠ y} P(y ≻ y')) / (n − 1) over the n candidates of the prompt
 * (copies included), with P = 1, ½, 0 for a higher, equal, lower score. With fewer than two candidates there is no
 * opponent and every r is ½.
 */
final class ScoreWinRates implements WinRates {
    static final ScoreWinRates INSTANCE = new ScoreWinRates();

    private ScoreWinRates() {}

    @Override
    public double[] estimate(double[] scores, int[] copies) {
        checkArgument(scores.length == copies.length, "%s scores but %s copy counts", scores.length, copies.length);
        int n = 0;
        for (int c : copies) {
            checkArgument(c >= 1, "every answer has at least one copy, got %s", c);
            n += c;
        }
        double[] r = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (n < 2) {
                r[i] = 0.5;
                continue;
            }
            double wins = 0.5 * (copies[i] - 1);                   // its own other copies tie with it
            for (int j = 0; j < scores.length; j++) {
                if (j != i) {
                    wins += copies[j] * beats(scores[i], scores[j]);
                }
            }
            r[i] = wins / (n - 1);
        }
        return r;
    }

    private static double beats(double a, double b) {
        if (Math.abs(a - b) < CandidatePool.TOLERANCE) {
            return 0.5;
        }
        return a > b ? 1 : 0;
    }

    @Override
    public String name() {
        return "fromScores";
    }

    @Override
    public String toString() {
        return name();
    }
}
