package io.dno.core.schedule;

import io.dno.core.Strategy;
import io.dno.core.TrainingExamples;
import io.dno.core.loop.PairStage;
import io.dno.core.loop.RateSpan;
import io.dno.core.loop.Stage;
import io.dno.core.loop.StageRunner;
import io.dno.core.loop.Stages;
import io.dno.core.loop.StepDirectory;
import io.dno.core.loop.TrainingStage;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.pairs.PairBuilders;
import io.dno.core.pairs.PairReplay;
import io.dno.core.train.Loss;
import io.dno.core.train.LossProvider;
import java.nio.file.Path;
import java.util.List;

/**
 * DNO-Prct (Rosset et al. 2024, Algorithm 2), DNO-Restrictive (teacher-over-student pairs only) and DNO-Lookahead
 * (after the iterations, every iteration's own new pairs, shuffled, trained for one epoch from π_0 against π_0 as
 * a fixed reference, §5.2).
 */
final class DnoSchedule extends OnPolicySchedule {
    private final Strategy.Dno dno;

    DnoSchedule(Strategy.Dno dno) {
        this.dno = dno;
    }

    @Override
    public int iterations() {
        return dno.iterations();
    }

    @Override
    public int samplesPerPrompt() {
        return dno.samplesPerPrompt();
    }

    @Override
    public PairBuilder defaultPairBuilder() {
        return dno.pairs() == Strategy.Dno.Pairs.TEACHER_WINS ? PairBuilders.dnoRestrictive() : PairBuilders.dno();
    }

    @Override
    public Loss defaultLoss(LossProvider provider) {
        return provider.preference(dno.beta());
    }

    @Override
    public void check(Composition c, List<String> problems) {
        Schedules.require(c.prompts().size() >= dno.iterations(), "prompts: DNO needs at least one prompt per "
                + "iteration (" + dno.iterations() + "), got " + c.prompts().size(), problems);
        Schedules.require(c.hasTeacher(), "teacher: DNO adds the teacher's answer to every prompt's candidates",
                problems);
        Schedules.require(c.hasAnnotator(), "annotator: DNO scores every candidate", problems);
    }

    @Override
    boolean annotated() {
        return true;
    }

    @Override
    int epochsPerIteration() {
        return dno.epochsPerIteration();
    }

    @Override
    PairReplay replay() {
        return dno.replay();
    }

    @Override
    public boolean annotatesSamples() {
        return true;
    }

    @Override
    public boolean hasLookahead() {
        return dno.lookahead();
    }

    @Override
    public void lookahead(StageRunner runner, Stages stages) {
        StepDirectory step = runner.step();
        Path initial = stages.directory().initialCheckpoint();
        runner.run(Stage.PAIR, () -> stages.pairs().gathered(step, dno.iterations()));
        runner.run(Stage.REFERENCE, () -> stages.reference().run(step, initial));
        runner.run(Stage.TRAIN, () -> stages.training().pairs(step, step, initial,
                new TrainingStage.How(1, false, RateSpan.FRESH)));
    }

    @Override
    public TrainingExamples examples(StepDirectory step, Stages stages) {
        if (step.iteration() > dno.iterations()) {               // Lookahead: the iterations' own pairs, gathered
            return TrainingExamples.onPolicy(PairStage.read(step).size(), 0);
        }
        return super.examples(step, stages);
    }
}
