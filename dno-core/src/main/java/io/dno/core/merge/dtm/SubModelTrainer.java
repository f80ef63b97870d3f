package io.dno.core.merge.dtm;

import io.dno.core.data.Demonstration;
import java.nio.file.Path;
import java.util.List;

/** Fine-tunes a copy of a base checkpoint on demonstrations and saves it as a checkpoint directory. */
@FunctionalInterface
public interface SubModelTrainer {
    /**
     * Trains from {@code base} on {@code data} with {@code variant} and writes the model to {@code out}
     * ({@code config.json} last, so a directory with a config is complete).
     */
    void train(Path base, List<Demonstration> data, TrainingVariant variant, Path out);
}
