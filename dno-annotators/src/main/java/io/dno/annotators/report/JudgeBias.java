package io.dno.annotators.report;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The judge-bias figures of a run report, computed from the difference of two counter snapshots
 * (one annotation stage), so that a cumulative counter is all an annotator has to keep.
 *
 * <p>Position bias: a judge that scores twice (shuffled order, then reversed) counts candidate pairs
 * whose order both passes agree on ({@code position_swap_agreements} of {@code position_swap_pairs}).
 * Length bias (the DNO paper's length spike, Rosset et al. 2024 Table 2): every scored candidate adds its
 * length in characters x and score y to the sums {@code length_n}, {@code length_sum_x},
 * {@code length_sum_y}, {@code length_sum_xx}, {@code length_sum_yy}, {@code length_sum_xy}, from which
 * Pearson's correlation follows.
 */
public final class JudgeBias {
    public static final String SWAP_PAIRS = "position_swap_pairs";
    public static final String SWAP_AGREEMENTS = "position_swap_agreements";
    public static final String LENGTH_N = "length_n";
    public static final String LENGTH_SUM_X = "length_sum_x";
    public static final String LENGTH_SUM_Y = "length_sum_y";
    public static final String LENGTH_SUM_XX = "length_sum_xx";
    public static final String LENGTH_SUM_YY = "length_sum_yy";
    public static final String LENGTH_SUM_XY = "length_sum_xy";

    private JudgeBias() {}

    /** Records one scored candidate of {@code length} characters in {@code counters}. */
    public static void recordLength(Counters counters, int length, double score) {
        double x = length;
        counters.increment(LENGTH_N);
        counters.add(LENGTH_SUM_X, x);
        counters.add(LENGTH_SUM_Y, score);
        counters.add(LENGTH_SUM_XX, x * x);
        counters.add(LENGTH_SUM_YY, score * score);
        counters.add(LENGTH_SUM_XY, x * score);
    }

    /** Share of candidate pairs whose order survived the position swap; empty when no pair was judged twice. */
    public static OptionalDouble positionSwapAgreement(Map<String, Double> stage) {
        double pairs = stage.getOrDefault(SWAP_PAIRS, 0.0);
        return pairs > 0 ? OptionalDouble.of(stage.getOrDefault(SWAP_AGREEMENTS, 0.0) / pairs) : OptionalDouble.empty();
    }

    /**
     * Pearson correlation of score with length in characters over a stage's scored candidates; empty
     * with fewer than two candidates or when lengths or scores do not vary.
     */
    public static OptionalDouble lengthScoreCorrelation(Map<String, Double> stage) {
        double n = stage.getOrDefault(LENGTH_N, 0.0);
        if (n < 2) {
            return OptionalDouble.empty();
        }
        double sx = stage.getOrDefault(LENGTH_SUM_X, 0.0);
        double sy = stage.getOrDefault(LENGTH_SUM_Y, 0.0);
        double covariance = stage.getOrDefault(LENGTH_SUM_XY, 0.0) - sx * sy / n;
        double varianceX = stage.getOrDefault(LENGTH_SUM_XX, 0.0) - sx * sx / n;
        double varianceY = stage.getOrDefault(LENGTH_SUM_YY, 0.0) - sy * sy / n;
        if (varianceX <= 1e-12 * Math.max(1, sx * sx / n) || varianceY <= 1e-12 * Math.max(1, sy * sy / n)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(-1, Math.min(1, covariance / Math.sqrt(varianceX * varianceY))));
    }
}
