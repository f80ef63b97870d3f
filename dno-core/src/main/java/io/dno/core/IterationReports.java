package io.dno.core;

import io.dno.core.annotate.Judgement;
import io.dno.core.data.Scored;
import io.dno.core.eval.LengthBias;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.AnnotationStage;
import io.dno.core.loop.Counters;
import io.dno.core.loop.EvaluationFile;
import io.dno.core.loop.HeldOut;
import io.dno.core.loop.IterationStatistics;
import io.dno.core.loop.PairStage;
import io.dno.core.loop.Stages;
import io.dno.core.loop.StepDirectory;
import io.dno.core.schedule.Schedule;
import io.dno.core.train.StepMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes a step's {@link IterationReport} from the artifacts its stages wrote. */
final class IterationReports {
    private IterationReports() {}

    static IterationReport compute(StepDirectory step, Schedule schedule, Stages stages,
                                   Map<String, Double> timings) {
        EvaluationFile eval = EvaluationFile.read(step);
        Map<String, Double> counters = Files.exists(step.annotatorCounters())
                ? Counters.read(step.annotatorCounters()) : Map.of();
        if (step.iteration() == 0) {
            return new IterationReport(step.name(), 0, eval.evaluation(), eval.validation(), null,
                    TrainingExamples.NONE, null, counters, judgeBias(step, counters), timings);
        }
        IterationStatistics statistics = null;
        if (schedule.annotatesSamples() && Files.exists(step.annotations())) {
            statistics = IterationStatistics.compute(step.iteration() - 1, AnnotationStage.read(step).stream()
                    .map(Judgement::toScoredPrompt).toList(), PairStage.fresh(step));
        }
        TrainingSummary training = TrainingSummary.of(Jsonl.read(step.trainLog(), StepMetrics.class));
        return new IterationReport(step.name(), step.iteration(), eval.evaluation(), eval.validation(), statistics,
                schedule.examples(step, stages), training, counters, judgeBias(step, counters), timings);
    }

    /** Length–score correlation over every judged candidate of the step; swap agreement from the judge's counters. */
    private static Map<String, Double> judgeBias(StepDirectory step, Map<String, Double> counters) {
        List<Scored> scored = new ArrayList<>();
        List<Path> files = List.of(step.annotations(), step.heldOutAnnotations(HeldOut.EVALUATION),
                step.heldOutAnnotations(HeldOut.VALIDATION));
        for (Path file : files) {
            if (Files.exists(file)) {
                Jsonl.read(file, Judgement.class).forEach(j -> scored.addAll(j.scored()));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        LengthBias.correlation(scored).ifPresent(r -> out.put("length_score_correlation", r));
        double pairs = counters.getOrDefault("position_swap_pairs", 0.0);
        if (pairs > 0) {
            out.put("position_swap_agreement", counters.getOrDefault("position_swap_agreements", 0.0) / pairs);
        }
        return out;
    }
}
