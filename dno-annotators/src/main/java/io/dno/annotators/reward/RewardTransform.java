package io.dno.annotators.reward;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Maps a prompt's raw rewards onto the 0–6 scale the DNO pair rule reads (its positive threshold 5 and margins 2
 * and 1 were set for the additive 6-point rubric; Rosset et al. 2024 §5.1). A reward model's outputs have no fixed
 * scale (only differences mean something under Bradley-Terry, P(a ≻ b) = σ(r_a − r_b)), so one of:
 *
 * <ul>
 *   <li>{@link MinMax} (default), per prompt: {@code s = 6 (r − min) / (max − min)} over the prompt's candidates; the
 *       best candidate gets 6, the worst 0, and the rule's margin of 2 becomes a third of the prompt's reward range.
 *       Relative only: a prompt whose candidates are all poor still has a 6. All rewards equal: every candidate gets
 *       3 (no pair).</li>
 *   <li>{@link Sigmoid}, calibrated: {@code s = 6 σ((r − center) / temperature)}, six times the Bradley-Terry
 *       probability (at temperature 1) that the candidate beats an answer of reward {@code center}. Absolute: a
 *       candidate is a positive (s ≥ 5) when it beats that reference answer with probability ≥ 5/6, i.e.
 *       {@code r − center ≥ temperature · ln 5}. Choose {@code center} as the reward of an acceptable answer (e.g.
 *       the median reward of the teacher's answers).</li>
 * </ul>
 */
public sealed interface RewardTransform permits RewardTransform.MinMax, RewardTransform.Sigmoid {
    /** The top of the scale. */
    double MAX = 6;

    /** Scores for one prompt's rewards, each in [0, 6], in order. */
    double[] toScale(double[] rewards);

    /** Per-prompt min-max. */
    record MinMax() implements RewardTransform {
        @Override
        public double[] toScale(double[] rewards) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double r : rewards) {
                min = Math.min(min, r);
                max = Math.max(max, r);
            }
            double[] out = new double[rewards.length];
            for (int i = 0; i < rewards.length; i++) {
                out[i] = max > min ? MAX * (rewards[i] - min) / (max - min) : MAX / 2;
            }
            return out;
        }

        @Override
        public String toString() {
            return "minmax";
        }
    }

    /** Calibrated: six times σ((r − center) / temperature). */
    record Sigmoid(double center, double temperature) implements RewardTransform {
        public Sigmoid {
            checkArgument(Double.isFinite(center), "center must be finite, got %s", center);
            checkArgument(temperature > 0 && Double.isFinite(temperature), "temperature must be > 0, got %s", temperature);
        }

        @Override
        public double[] toScale(double[] rewards) {
            double[] out = new double[rewards.length];
            for (int i = 0; i < rewards.length; i++) {
                double z = (rewards[i] - center) / temperature;
                out[i] = MAX * (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
            }
            return out;
        }

        @Override
        public String toString() {
            return "sigmoid(center=" + center + ", temperature=" + temperature + ")";
        }
    }
}
