package io.dno.core.loop;

/**
 * The stages of one run, sharing its {@link RunContext}: what a strategy's schedule composes, one stage at a time,
 * each through a {@link StageRunner} that skips it when its artifact exists.
 */
public record Stages(RunContext run, SamplingStage sampling, AnnotationStage annotation, PairStage pairs,
                     ReferenceStage reference, TrainingStage training, EvaluationStage evaluation) {

    public static Stages of(RunContext run) {
        return new Stages(run, new SamplingStage(run), new AnnotationStage(run), new PairStage(run),
                new ReferenceStage(run), new TrainingStage(run), new EvaluationStage(run));
    }

    public RunDirectory directory() {
        return run.directory();
    }
}
