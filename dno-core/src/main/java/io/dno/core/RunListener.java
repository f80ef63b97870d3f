package io.dno.core;

import io.dno.core.loop.Stage;
import io.dno.core.train.StepMetrics;

/**
 * Callbacks for applications that embed the library (progress bars, dashboards, early stopping by
 * throwing). Every method has an empty default; calls come from the thread that runs the alignment.
 * {@code step} names the unit of work: {@code iter-N} or {@code lookahead}.
 */
public interface RunListener {

    /** A stage starts; not called for stages that are already complete in the run directory. */
    default void onStageStart(String step, Stage stage) {}

    /** A stage ended after {@code seconds}; {@code resumed} when it was complete already and skipped. */
    default void onStageEnd(String step, Stage stage, double seconds, boolean resumed) {}

    /** One optimiser step of the training stage. */
    default void onTrainingStep(String step, StepMetrics metrics) {}

    /** An iteration (or the Lookahead retraining) is complete, with its report. */
    default void onIteration(IterationReport report) {}
}
