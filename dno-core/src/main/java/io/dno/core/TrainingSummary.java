package io.dno.core;

import com.google.common.collect.ImmutableMap;
import io.dno.core.train.StepMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the training stage of an iteration did, summarised from its {@code train.jsonl}.
 *
 * @param steps        optimiser steps
 * @param examples     examples seen (pairs or demonstrations, counted once per epoch)
 * @param firstLoss    loss of the first step
 * @param lastLoss     loss of the last step
 * @param meanMetrics  each loss metric ({@code rewards/accuracies}, {@code rewards/margins}, ...) averaged
 *                     over the steps
 */
public record TrainingSummary(int steps, long examples, double firstLoss, double lastLoss,
                              Map<String, Double> meanMetrics) {
    public TrainingSummary {
        meanMetrics = ImmutableMap.copyOf(meanMetrics);
    }

    public static TrainingSummary of(List<StepMetrics> steps) {
        if (steps.isEmpty()) {
            return new TrainingSummary(0, 0, Double.NaN, Double.NaN, Map.of());
        }
        Map<String, Double> sums = new LinkedHashMap<>();
        long examples = 0;
        for (StepMetrics m : steps) {
            examples += m.examples();
            m.metrics().forEach((k, v) -> sums.merge(k, v, Double::sum));
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((k, v) -> means.put(k, v / steps.size()));
        return new TrainingSummary(steps.size(), examples, steps.get(0).loss(), steps.get(steps.size() - 1).loss(),
                means);
    }
}
