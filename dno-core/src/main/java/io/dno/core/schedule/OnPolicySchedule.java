package io.dno.core.schedule;

import io.dno.core.TrainingExamples;
import io.dno.core.data.PreferencePair;
import io.dno.core.loop.PairStage;
import io.dno.core.loop.RateSpan;
import io.dno.core.loop.Stage;
import io.dno.core.loop.StageRunner;
import io.dno.core.loop.Stages;
import io.dno.core.loop.StepDirectory;
import io.dno.core.loop.TrainingStage;
import io.dno.core.pairs.PairReplay;
import java.nio.file.Path;
import java.util.List;

/**
 * The batched on-policy iteration shared by DNO and SPIN (Rosset et al. 2024, Algorithm 2): sample K answers per
 * prompt of partition t from π_{t-1} beside the teacher's, annotate them (DNO only), build pairs and replay earlier
 * ones, store π_{t-1}'s log-probs as the reference, train from π_{t-1} with a fresh optimiser.
 */
abstract class OnPolicySchedule implements Schedule {

    /** Whether candidates are scored before pairs are built (DNO) or not (SPIN: the teacher always wins). */
    abstract boolean annotated();

    abstract int epochsPerIteration();

    abstract PairReplay replay();

    @Override
    public void iteration(StageRunner runner, Stages stages) {
        StepDirectory step = runner.step();
        Path previous = stages.directory().step(step.iteration() - 1).checkpoint();
        runner.run(Stage.SAMPLE, () -> stages.sampling().students(step, stages.run().partition(step.iteration()),
                samplesPerPrompt(), previous));
        if (annotated()) {
            runner.run(Stage.ANNOTATE, () -> stages.annotation().run(step));
        }
        runner.run(Stage.PAIR, () -> stages.pairs().onPolicy(step, annotated(), replay()));
        runner.run(Stage.REFERENCE, () -> stages.reference().run(step, previous));
        runner.run(Stage.TRAIN, () -> stages.training().pairs(step, step, previous,
                new TrainingStage.How(epochsPerIteration(), false, RateSpan.ITERATION)));
    }

    @Override
    public TrainingExamples examples(StepDirectory step, Stages stages) {
        List<PreferencePair> used = PairStage.read(step);
        int fresh = (int) used.stream().filter(p -> p.iteration() == step.iteration()).count();
        return TrainingExamples.onPolicy(fresh, used.size() - fresh);
    }
}
