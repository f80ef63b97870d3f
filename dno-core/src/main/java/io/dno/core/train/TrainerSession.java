package io.dno.core.train;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@link TrainingSession} over a {@link Trainer}: the trainer keeps the optimiser, {@link IterateFiles} the
 * policy's weights (a whole model or an adapter), and training-only behaviour (LoRA dropout) is on exactly while a
 * training call runs.
 */
public final class TrainerSession implements TrainingSession {

    /** How the policy's trainable weights are written, read and switched into training mode. */
    public interface IterateFiles {
        void save(Path dir);

        void load(Path dir);

        default void training(boolean on) {}
    }

    private final Trainer trainer;
    private final IterateFiles iterate;

    public TrainerSession(Trainer trainer, IterateFiles iterate) {
        this.trainer = trainer;
        this.iterate = iterate;
    }

    @Override
    public TrainingSession addListener(TrainingListener listener) {
        trainer.addListener(listener);
        return this;
    }

    @Override
    public List<StepMetrics> trainPairs(List<TokenizedPair> pairs, ReferenceLogProbs reference, Loss loss,
                                        int epochs) {
        iterate.training(true);
        try {
            return trainer.trainPairs(pairs, reference, loss, epochs);
        } finally {
            iterate.training(false);
        }
    }

    @Override
    public List<StepMetrics> trainDemonstrations(List<TokenizedDemonstration> demonstrations, Loss loss, int epochs) {
        iterate.training(true);
        try {
            return trainer.trainDemonstrations(demonstrations, loss, epochs);
        } finally {
            iterate.training(false);
        }
    }

    @Override
    public long step() {
        return trainer.step();
    }

    @Override
    public long stepsPerEpoch(int examples) {
        return trainer.stepsPerEpoch(examples);
    }

    @Override
    public void saveState(Path dir) {
        iterate.save(dir);
        trainer.saveState(dir);
    }

    @Override
    public void restoreState(Path dir) {
        iterate.load(dir);
        trainer.restoreState(dir);
    }

    @Override
    public void restoreOptimizer(Path dir) {
        trainer.restoreState(dir);
    }

    @Override
    public void close() {
        trainer.close();
    }
}
