package io.dno.core;

import com.google.common.collect.ImmutableMap;
import io.dno.core.eval.Evaluation;
import io.dno.core.loop.IterationStatistics;
import java.util.Map;

/**
 * Everything one iteration produced, as written to its {@code stats.json}. Iteration 0 is the initial policy
 * (evaluation only); the Lookahead retraining is reported with {@code step} {@code lookahead}.
 *
 * @param step             {@code iter-N} or {@code lookahead}
 * @param iteration        N (0 for the initial policy), or the iteration count + 1 for Lookahead
 * @param evaluation       against the teacher on the evaluation prompts; null when there are none
 * @param validation       against the teacher on the validation prompts; null when there are none
 * @param statistics       Table 2 statistics of this iteration's samples; null without annotated samples
 * @param examples         what the training stage trained on
 * @param training         summary of the training stage; null for iteration 0
 * @param annotator        the annotator's counters accumulated over this iteration's training annotation
 * @param judgeBias        {@code length_score_correlation} over every candidate scored in this step (training
 *                         and evaluation), and {@code position_swap_agreement} when the judge scored twice
 * @param secondsByStage   wall time of each stage run in this process or an earlier one
 */
public record IterationReport(String step, int iteration, Evaluation evaluation, Evaluation validation,
                              IterationStatistics statistics, TrainingExamples examples, TrainingSummary training,
                              Map<String, Double> annotator, Map<String, Double> judgeBias,
                              Map<String, Double> secondsByStage) {
    public IterationReport {
        examples = examples == null ? TrainingExamples.NONE : examples;
        annotator = annotator == null ? Map.of() : ImmutableMap.copyOf(annotator);
        judgeBias = judgeBias == null ? Map.of() : ImmutableMap.copyOf(judgeBias);
        secondsByStage = secondsByStage == null ? Map.of() : ImmutableMap.copyOf(secondsByStage);
    }
}
