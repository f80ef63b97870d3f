package io.dno.core.train;

/** Observes training, called on the training thread after every optimiser step. */
@FunctionalInterface
public interface TrainingListener {

    /** After every optimiser step; an exception thrown here stops training after that step. */
    void onStep(StepMetrics metrics);
}
