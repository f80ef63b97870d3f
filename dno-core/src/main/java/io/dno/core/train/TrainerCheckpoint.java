package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDManager;
import io.dno.core.checkpoint.Safetensors;
import io.dno.core.checkpoint.StorageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The trainer's state beside a model checkpoint: the optimiser step counter and AdamW's moments, saved to
 * {@code optimizer.safetensors} (moments as {@code <param>.exp_avg}, {@code <param>.exp_avg_sq}, and the
 * per-parameter step), with the trainer's step in the file's metadata.
 */
public record TrainerCheckpoint(long step, AdamWState optimizer) {
    public static final String FILE = "optimizer.safetensors";
    private static final String STEP_KEY = "trainer_step";
    private static final String OPTIMIZER_STEPS_KEY = "optimizer_steps";

    public TrainerCheckpoint {
        checkArgument(step >= 0, "step must be >= 0, got %s", step);
        checkArgument(optimizer != null, "optimizer state must not be null");
    }

    /** Writes {@code dir/optimizer.safetensors} atomically. */
    public void save(Path dir) {
        Safetensors.write(dir.resolve(FILE), optimizer.tensors(),
                Map.of(STEP_KEY, Long.toString(step), OPTIMIZER_STEPS_KEY, Long.toString(optimizer.steps())),
                StorageType.F32);
    }

    /** Reads {@code dir/optimizer.safetensors} into arrays of {@code manager}. */
    public static TrainerCheckpoint load(Path dir, NDManager manager) {
        Path file = dir.resolve(FILE);
        checkArgument(Files.isRegularFile(file), "%s has no %s: it is not a training checkpoint", dir, FILE);
        Map<String, String> metadata = Safetensors.readHeader(file).metadata();
        checkArgument(metadata.containsKey(STEP_KEY) && metadata.containsKey(OPTIMIZER_STEPS_KEY),
                "%s lacks the %s and %s metadata: it was not written by dno's trainer", file, STEP_KEY,
                OPTIMIZER_STEPS_KEY);
        return new TrainerCheckpoint(Long.parseLong(metadata.get(STEP_KEY)),
                new AdamWState(Long.parseLong(metadata.get(OPTIMIZER_STEPS_KEY)), Safetensors.read(file, manager)));
    }
}
