package io.dno.core.schedule;

import io.dno.core.Strategy;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.pairs.PairBuilders;
import io.dno.core.pairs.PairReplay;
import io.dno.core.train.Loss;
import io.dno.core.train.LossProvider;
import java.util.List;

/** SPIN (Chen et al. 2024, as run in Rosset et al. 2024 §5.2): the teacher's answer over every student sample. */
final class SpinSchedule extends OnPolicySchedule {
    private final Strategy.Spin spin;

    SpinSchedule(Strategy.Spin spin) {
        this.spin = spin;
    }

    @Override
    public int iterations() {
        return spin.iterations();
    }

    @Override
    public int samplesPerPrompt() {
        return spin.samplesPerPrompt();
    }

    @Override
    public PairBuilder defaultPairBuilder() {
        return PairBuilders.spin();
    }

    @Override
    public Loss defaultLoss(LossProvider provider) {
        return provider.preference(spin.beta());
    }

    @Override
    public void check(Composition c, List<String> problems) {
        Schedules.require(c.prompts().size() >= spin.iterations(), "prompts: SPIN needs at least one prompt per "
                + "iteration (" + spin.iterations() + "), got " + c.prompts().size(), problems);
        Schedules.require(c.hasTeacher(), "teacher: SPIN's positives are the teacher's answers", problems);
    }

    @Override
    boolean annotated() {
        return false;
    }

    @Override
    int epochsPerIteration() {
        return spin.epochsPerIteration();
    }

    @Override
    PairReplay replay() {
        return spin.replay();
    }

    @Override
    public boolean annotatesSamples() {
        return false;
    }
}
