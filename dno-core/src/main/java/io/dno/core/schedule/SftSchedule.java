package io.dno.core.schedule;

import io.dno.core.Strategy;
import io.dno.core.TrainingExamples;
import io.dno.core.data.Demonstration;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.RateSpan;
import io.dno.core.loop.Stage;
import io.dno.core.loop.StageRunner;
import io.dno.core.loop.Stages;
import io.dno.core.loop.StepDirectory;
import io.dno.core.loop.TrainingStage;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.pairs.PairBuilders;
import io.dno.core.train.Loss;
import io.dno.core.train.LossProvider;
import java.util.List;

/**
 * Supervised fine-tuning, one epoch per iteration over one data set fixed in iteration 1: given demonstrations, or
 * (on positives, Rosset et al. 2024 Table 1) the teacher's answers the annotator scores at least 5. The optimiser and
 * one learning-rate schedule carry across the epochs.
 */
final class SftSchedule implements Schedule {
    private final Strategy.Sft sft;

    SftSchedule(Strategy.Sft sft) {
        this.sft = sft;
    }

    @Override
    public int iterations() {
        return sft.epochs();
    }

    @Override
    public int samplesPerPrompt() {
        return 0;
    }

    @Override
    public PairBuilder defaultPairBuilder() {
        return PairBuilders.dno();
    }

    @Override
    public Loss defaultLoss(LossProvider provider) {
        return provider.supervised();
    }

    @Override
    public void check(Composition c, List<String> problems) {
        if (sft.onPositives()) {
            Schedules.require(!c.prompts().isEmpty(), "prompts: SFT on positives needs training prompts", problems);
            Schedules.require(c.hasTeacher(), "teacher: SFT on positives trains on the teacher's answers", problems);
            Schedules.require(c.hasAnnotator(), "annotator: SFT on positives keeps the answers it scores >= "
                    + sft.positiveMinScore(), problems);
        } else {
            Schedules.require(!c.demonstrations().isEmpty(),
                    "demonstrations: Strategy.sft() needs demonstrations (or use Strategy.sftOnPositives())", problems);
        }
    }

    @Override
    public void checkLoss(Loss loss, List<String> problems) {
        Schedules.require(!loss.needsReference(), "loss: SFT needs a supervised loss (e.g. Losses.sft()), got "
                + loss.name(), problems);
    }

    @Override
    public void iteration(StageRunner runner, Stages stages) {
        StepDirectory step = runner.step();
        StepDirectory first = stages.directory().step(1);
        if (step.iteration() == 1) {
            if (sft.onPositives()) {
                runner.run(Stage.SAMPLE, () -> stages.sampling().teacherOnly(step,
                        stages.run().plan().data().prompts()));
                runner.run(Stage.ANNOTATE, () -> stages.annotation().run(step));
            }
            stages.pairs().demonstrations(step, sft.onPositives(), sft.positiveMinScore());
        }
        runner.run(Stage.TRAIN, () -> stages.training().demonstrations(step, first,
                stages.directory().step(step.iteration() - 1).checkpoint(),
                new TrainingStage.How(step.iteration(), step.iteration() > 1, RateSpan.WHOLE_RUN)));
    }

    @Override
    public TrainingExamples examples(StepDirectory step, Stages stages) {
        return TrainingExamples.demonstrations(Jsonl.read(stages.directory().step(1).demonstrations(),
                Demonstration.class).size());
    }

    @Override
    public boolean annotatesSamples() {
        return false;
    }
}
