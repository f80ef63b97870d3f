package io.dno.core.schedule;

import io.dno.core.TrainingExamples;
import io.dno.core.loop.StageRunner;
import io.dno.core.loop.Stages;
import io.dno.core.loop.StepDirectory;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.train.Loss;
import io.dno.core.train.LossProvider;
import java.util.List;

/**
 * What a strategy does, iteration by iteration. The alignment run prepares π_0, then for t = 1..T asks the schedule
 * to run iteration t's stages up to TRAIN, and itself evaluates every iterate and writes its report; a schedule with
 * {@link #hasLookahead()} gets one more step after the iterations.
 */
public interface Schedule {

    /** Iterations T (epochs for the offline strategies, each evaluated as an iteration). */
    int iterations();

    /** Student samples per prompt (K), or 0 when the strategy samples none. */
    int samplesPerPrompt();

    /** The pair rule when the composition gives none. */
    PairBuilder defaultPairBuilder();

    /** The loss when the composition gives none, from the loss provider on the class path. */
    Loss defaultLoss(LossProvider provider);

    /** Adds to {@code problems} what the composition lacks for this strategy. */
    void check(Composition composition, List<String> problems);

    /** Adds to {@code problems} why {@code loss} cannot train this strategy's data, if it cannot. */
    default void checkLoss(Loss loss, List<String> problems) {}

    /** Runs iteration {@code t}'s stages (the step's iteration number) up to and including TRAIN. */
    void iteration(StageRunner runner, Stages stages);

    /** What iteration {@code step}'s training used, for its report. */
    TrainingExamples examples(StepDirectory step, Stages stages);

    /** Whether the step's annotations are scored on-policy samples, summarised as the paper's Table 2. */
    boolean annotatesSamples();

    /** Whether a DNO-Lookahead retraining follows the iterations. */
    default boolean hasLookahead() {
        return false;
    }

    /** Runs the Lookahead step's stages up to and including TRAIN. */
    default void lookahead(StageRunner runner, Stages stages) {
        throw new UnsupportedOperationException("this strategy has no Lookahead step");
    }
}
