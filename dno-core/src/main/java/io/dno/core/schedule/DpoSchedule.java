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
import io.dno.core.train.Loss;
import io.dno.core.train.LossProvider;
import java.util.List;

/**
 * Offline DPO (Rosset et al. 2024 Table 1): the given pairs, filtered once by margin in iteration 1, with the initial
 * policy as fixed reference; one epoch per iteration, the optimiser and one learning-rate schedule carried across.
 */
final class DpoSchedule implements Schedule {
    private final Strategy.Dpo dpo;

    DpoSchedule(Strategy.Dpo dpo) {
        this.dpo = dpo;
    }

    @Override
    public int iterations() {
        return dpo.epochs();
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
        return provider.preference(dpo.beta());
    }

    @Override
    public void check(Composition c, List<String> problems) {
        Schedules.require(!c.pairs().isEmpty(), "pairs: Strategy.dpo() needs offline preference pairs", problems);
        if (dpo.minMargin().isPresent() && !c.pairs().isEmpty()) {
            Schedules.require(c.pairs().stream().anyMatch(p -> p.margin() >= dpo.minMargin().getAsDouble()),
                    "strategy.min_margin: no pair has a margin >= " + dpo.minMargin().getAsDouble()
                            + "; lower it or give pairs with margins", problems);
        }
    }

    @Override
    public void iteration(StageRunner runner, Stages stages) {
        StepDirectory step = runner.step();
        StepDirectory first = stages.directory().step(1);
        if (step.iteration() == 1) {
            runner.run(Stage.PAIR, () -> stages.pairs().offline(step, dpo.minMargin()));
            runner.run(Stage.REFERENCE, () -> stages.reference().run(step, stages.directory().initialCheckpoint()));
        }
        runner.run(Stage.TRAIN, () -> stages.training().pairs(step, first,
                stages.directory().step(step.iteration() - 1).checkpoint(),
                new TrainingStage.How(step.iteration(), step.iteration() > 1, RateSpan.WHOLE_RUN)));
    }

    @Override
    public TrainingExamples examples(StepDirectory step, Stages stages) {
        return TrainingExamples.offline(PairStage.read(stages.directory().step(1)).size());
    }

    @Override
    public boolean annotatesSamples() {
        return false;
    }
}
