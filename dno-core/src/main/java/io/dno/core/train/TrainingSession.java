package io.dno.core.train;

import java.nio.file.Path;
import java.util.List;

/**
 * One training stage over a policy's trainable weights ({@link io.dno.core.policy.TrainablePolicy#training}).
 * The session owns its optimiser; {@link #saveState} and {@link #restoreState} write and read everything needed to
 * continue exactly where a killed process stopped (weights, optimiser moments, step counter), so the caller holds
 * no tensors.
 */
public interface TrainingSession extends AutoCloseable {

    TrainingSession addListener(TrainingListener listener);

    /** Trains on pairs for {@code epochs} epochs, skipping the steps already taken (after a restore). */
    List<StepMetrics> trainPairs(List<TokenizedPair> pairs, ReferenceLogProbs reference, Loss loss, int epochs);

    /** Supervised fine-tuning on demonstrations, like {@link #trainPairs}. */
    List<StepMetrics> trainDemonstrations(List<TokenizedDemonstration> demonstrations, Loss loss, int epochs);

    /** Optimiser steps taken so far (restored ones included). */
    long step();

    /** Optimiser steps one epoch over {@code examples} examples takes. */
    long stepsPerEpoch(int examples);

    /** Writes the iterate and the optimiser state into {@code dir}. */
    void saveState(Path dir);

    /** Continues from a directory {@link #saveState} wrote: weights, optimiser state and step. */
    void restoreState(Path dir);

    /** Takes the optimiser state and step from a directory {@link #saveState} wrote; the weights stay. */
    void restoreOptimizer(Path dir);

    @Override
    void close();
}
