package io.dno.cli.quickstart.run;

import io.dno.cli.quickstart.world.TaskFamily;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gates of issue 15, computed from every seed (counts pooled over seeds; the training ends taken at their worst):
 *
 * <ul>
 *   <li>G1 capacity: on clean labels with the same SFT budget the student reaches {@link #G1_ACCURACY} greedy
 *       accuracy on every family;
 *   <li>G2 starting point: on the teacher's blind class the initialiser is no better than the teacher, and where
 *       the teacher is wrong a sample is right on more than {@link #G2_COVERAGE} of the prompts;
 *   <li>G3 training moves the policy: every preference-training phase ends with its loss clearly below ln 2 = 0.693
 *       (a loss that learned nothing), at most {@link #G3_LOSS}, and its reward accuracy well above chance, at least
 *       {@link #G3_REWARD_ACCURACY}. The issue expected losses of 0.6 or less; RESULTS.md lists the phases above it
 *       (the method whose pairs are few, or half made of contradictory format preferences, ends between 0.6 and 0.65).
 * </ul>
 */
final class Gates {
    static final double G1_ACCURACY = 0.95;
    static final double G2_COVERAGE = 0.6;
    static final double G3_LOSS = 0.65;
    static final double G3_REWARD_ACCURACY = 0.7;

    private Gates() {}

    static Map<String, Gate> of(List<SeedResult> seeds) {
        Map<String, Gate> gates = new LinkedHashMap<>();
        double worstFamily = Double.POSITIVE_INFINITY;
        String worst = "";
        for (TaskFamily f : TaskFamily.values()) {
            FamilyCount c = FamilyCount.ZERO;
            for (SeedResult s : seeds) {
                c = c.plus(s.capacity().byFamily().getOrDefault(f.name(), FamilyCount.ZERO));
            }
            if (c.share() < worstFamily || Double.isNaN(c.share())) {
                worstFamily = c.share();
                worst = f.name();
            }
        }
        gates.put("g1_capacity", Gate.atLeast(worstFamily, G1_ACCURACY, "clean-label student's greedy accuracy on "
                + "its weakest family (" + worst + "), validation and evaluation prompts"));
        FamilyCount initial = FamilyCount.ZERO;
        FamilyCount teacher = FamilyCount.ZERO;
        FamilyCount coverage = FamilyCount.ZERO;
        for (SeedResult s : seeds) {
            initial = initial.plus(s.start().initialBlind());
            teacher = teacher.plus(s.start().teacherBlind());
            coverage = coverage.plus(s.start().coverage());
        }
        double expected = seeds.stream().mapToDouble(s -> s.start().teacherBlindExpected()).average().orElse(Double.NaN);
        gates.put("g2_blind_start", Gate.atMost(initial.share(), expected, String.format(java.util.Locale.ROOT,
                "SFT initialiser's greedy accuracy on the teacher's blind class (validation and evaluation prompts); "
                + "the threshold is the teacher's there by construction (measured on the same prompts: %.3f)",
                teacher.share())));
        gates.put("g2_sample_coverage", Gate.atLeast(coverage.share(), G2_COVERAGE, "share of the prompts the "
                + "teacher gets wrong on which one of the initialiser's K samples is right"));
        double worstLoss = Double.NEGATIVE_INFINITY;
        double worstAccuracy = Double.POSITIVE_INFINITY;
        for (SeedResult s : seeds) {
            for (TrainingEnd end : preferencePhaseEnds(s)) {
                worstLoss = Math.max(worstLoss, end.loss());
                worstAccuracy = Math.min(worstAccuracy, end.rewardAccuracy());
            }
        }
        gates.put("g3_loss", Gate.atMost(worstLoss, G3_LOSS, "highest end-of-phase DPO loss over every preference "
                + "training phase of every method and seed"));
        gates.put("g3_reward_accuracy", Gate.atLeast(worstAccuracy, G3_REWARD_ACCURACY, "lowest end-of-phase reward "
                + "accuracy over the same phases"));
        return gates;
    }

    /**
     * The ends of every preference-training phase of a seed: each iteration of DNO, DNO-Restrictive and SPIN, the
     * Lookahead retraining, and offline DPO's whole run (its phase ends with its last epoch).
     */
    static List<TrainingEnd> preferencePhaseEnds(SeedResult s) {
        List<TrainingEnd> ends = new java.util.ArrayList<>();
        for (Method m : List.of(Method.DNO, Method.DNO_RESTRICTIVE, Method.SPIN, Method.DNO_LOOKAHEAD)) {
            s.methods().get(m).iterates().stream().map(IterationMeasure::training)
                    .filter(java.util.Objects::nonNull).forEach(ends::add);
        }
        TrainingEnd offline = s.methods().get(Method.OFFLINE_DPO).last().training();
        if (offline != null) {
            ends.add(offline);
        }
        return ends;
    }
}
