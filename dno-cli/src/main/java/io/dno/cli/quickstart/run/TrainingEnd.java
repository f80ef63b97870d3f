package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.train.StepMetrics;
import io.dno.losses.MetricNames;
import java.util.List;

/**
 * How one preference-training phase ended (gate G3: training must move the policy): the loss and the reward
 * accuracy averaged over the last {@link #TAIL} of its optimiser steps (single steps are too noisy to read).
 *
 * @param steps          optimiser steps of the phase
 * @param loss           mean loss over the tail (ln 2 = 0.693 is a DPO loss that has learned nothing)
 * @param rewardAccuracy mean {@code rewards/accuracies} over the tail (0.5 is chance)
 */
public record TrainingEnd(@JsonProperty("steps") int steps, @JsonProperty("loss") double loss,
                          @JsonProperty("reward_accuracy") double rewardAccuracy) {

    /** The share of a phase's last steps the end is averaged over. */
    public static final double TAIL = 0.2;

    /** The end of a phase whose steps are {@code steps}, or null when it has none or is not preference training. */
    public static TrainingEnd of(List<StepMetrics> steps) {
        if (steps.isEmpty() || !steps.get(0).metrics().containsKey(MetricNames.REWARDS_ACCURACIES)) {
            return null;
        }
        int from = steps.size() - Math.max(1, (int) Math.round(TAIL * steps.size()));
        List<StepMetrics> tail = steps.subList(from, steps.size());
        double loss = tail.stream().mapToDouble(StepMetrics::loss).average().orElse(Double.NaN);
        double accuracy = tail.stream().mapToDouble(m -> m.metrics().get(MetricNames.REWARDS_ACCURACIES)).average()
                .orElse(Double.NaN);
        return new TrainingEnd(steps.size(), loss, accuracy);
    }
}
