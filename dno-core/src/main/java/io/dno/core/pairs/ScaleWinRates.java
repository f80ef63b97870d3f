package io.dno.core.pairs;

import static com.google.common.base.Preconditions.checkArgument;

/** {@link WinRates#fromScale}: the score is the annotator's win rate mapped onto [min, max]; r = (s − min) / (max − min). */
final class ScaleWinRates implements WinRates {
    private final double min;
    private final double max;

    ScaleWinRates(double min, double max) {
        checkArgument(Double.isFinite(min) && Double.isFinite(max) && min < max,
                "a win-rate scale needs finite min < max, got [%s, %s]", min, max);
        this.min = min;
        this.max = max;
    }

    @Override
    public double[] estimate(double[] scores, int[] copies) {
        checkArgument(scores.length == copies.length, "%s scores but %s copy counts", scores.length, copies.length);
        double[] r = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            checkArgument(s >= min - CandidatePool.TOLERANCE && s <= max + CandidatePool.TOLERANCE,
                    "score %s is outside the win-rate scale [%s, %s]: the annotator must map win rates onto the same "
                            + "scale as WinRates.fromScale", s, min, max);
            r[i] = Math.min(1, Math.max(0, (s - min) / (max - min)));
        }
        return r;
    }

    @Override
    public String name() {
        return "fromScale[" + min + ", " + max + "]";
    }

    @Override
    public String toString() {
        return name();
    }
}
