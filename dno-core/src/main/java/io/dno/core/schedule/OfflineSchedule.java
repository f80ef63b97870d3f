package io.dno.core.schedule;

import io.dno.core.loop.RateSpan;
import io.dno.core.loop.StepDirectory;
import io.dno.core.loop.TrainingStage;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.pairs.PairBuilders;

/**
 * What SFT and offline DPO share: one data set fixed in iteration 1, no samples, one epoch per iteration with the
 * optimiser and one learning-rate schedule carried across the run, each epoch evaluated as an iteration.
 */
abstract class OfflineSchedule implements Schedule {

    @Override
    public int samplesPerPrompt() {
        return 0;
    }

    /** Unused: the data is given, not built from samples; the DNO rule keeps the plan complete. */
    @Override
    public PairBuilder defaultPairBuilder() {
        return PairBuilders.dno();
    }

    @Override
    public boolean annotatesSamples() {
        return false;
    }

    /** Iteration t trains epoch t from π_{t-1}, continuing the optimiser from iteration 2 on. */
    static TrainingStage.How epochOf(StepDirectory step) {
        return new TrainingStage.How(step.iteration(), step.iteration() > 1, RateSpan.WHOLE_RUN);
    }
}
