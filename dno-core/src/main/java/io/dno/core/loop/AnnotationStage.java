package io.dno.core.loop;

import io.dno.core.annotate.Judgement;
import io.dno.core.io.Json;
import io.dno.core.io.Jsonl;
import java.util.List;

/**
 * ANNOTATE: one listwise judge call per prompt over all its candidates (Rosset et al. 2024 §5.1), journaled so a
 * killed run never asks again, written to {@code annotations.jsonl}; the annotator's counters over the stage go to
 * {@code annotator.json}.
 */
public final class AnnotationStage {
    private final RunContext run;

    public AnnotationStage(RunContext run) {
        this.run = run;
    }

    public void run(StepDirectory step) {
        List<CandidateSet> sets = Jsonl.read(step.samples(), CandidateSet.class);
        Judged judged = run.engine().annotate(run, sets, step.annotationJournal(), step.annotations(),
                step.annotateParts());
        Json.write(step.annotatorCounters(), judged.counters());
    }

    /** The judgements the stage wrote. */
    public static List<Judgement> read(StepDirectory step) {
        return Jsonl.read(step.annotations(), Judgement.class);
    }
}
