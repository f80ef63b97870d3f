package io.dno.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * What one training stage trained on. On-policy methods count the pairs built from this iteration's samples and
 * those replayed from earlier iterations (Rosset et al. 2024 §5.1: 30 % of iteration t-1's, 15 % of t-2's, ...);
 * offline DPO counts its given pairs; SFT its demonstrations; DNO-Lookahead the new pairs of all iterations it
 * gathers (none of them replayed).
 *
 * @param newPairs       pairs built from this step's own samples
 * @param replayedPairs  pairs of earlier iterations mixed in
 * @param offlinePairs   given pairs (offline DPO)
 * @param demonstrations SFT examples
 */
public record TrainingExamples(int newPairs, int replayedPairs, int offlinePairs, int demonstrations) {

    public static final TrainingExamples NONE = new TrainingExamples(0, 0, 0, 0);

    public TrainingExamples {
        checkArgument(newPairs >= 0 && replayedPairs >= 0 && offlinePairs >= 0 && demonstrations >= 0,
                "example counts must be >= 0");
    }

    public static TrainingExamples onPolicy(int newPairs, int replayedPairs) {
        return new TrainingExamples(newPairs, replayedPairs, 0, 0);
    }

    public static TrainingExamples offline(int pairs) {
        return new TrainingExamples(0, 0, pairs, 0);
    }

    public static TrainingExamples demonstrations(int count) {
        return new TrainingExamples(0, 0, 0, count);
    }

    /** Every example trained on. */
    public int total() {
        return newPairs + replayedPairs + offlinePairs + demonstrations;
    }

    /** As a report shows it: "61 new + 12 replayed pairs", "400 offline pairs", "1,200 demonstrations". */
    public String describe() {
        if (demonstrations > 0) {
            return String.format(java.util.Locale.ROOT, "%,d demonstrations", demonstrations);
        }
        if (offlinePairs > 0) {
            return String.format(java.util.Locale.ROOT, "%,d offline pairs", offlinePairs);
        }
        if (total() == 0) {
            return "none";
        }
        return String.format(java.util.Locale.ROOT, "%,d new + %,d replayed pairs", newPairs, replayedPairs);
    }
}
