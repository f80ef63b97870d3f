package io.dno.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dno.core.io.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The weights of a checkpoint directory in the Hugging Face layout: either one {@code model.safetensors}
 * or a {@code model.safetensors.index.json} with its shards.
 */
public final class Checkpoints {
    /** The single-file weights name used by {@code transformers}. */
    public static final String WEIGHTS_FILE = "model.safetensors";

    private Checkpoints() {}

    /**
     * Reads all weights of {@code dir}, F16 and BF16 widened to float32.
     *
     * @throws CheckpointException when {@code dir} holds neither file, both, or a malformed one
     */
    public static Map<String, NDArray> readWeights(Path dir, NDManager manager) {
        Directories.requireExisting(dir, "a model directory (config.json, model.safetensors)");
        Path single = dir.resolve(WEIGHTS_FILE);
        Path index = dir.resolve(ShardedCheckpoint.INDEX_FILE);
        boolean hasSingle = Files.isRegularFile(single);
        boolean hasIndex = Files.isRegularFile(index);
        if (hasSingle && hasIndex) {
            throw new CheckpointException(dir, "holds both " + WEIGHTS_FILE + " and " + ShardedCheckpoint.INDEX_FILE
                    + ", so it is unclear which weights are current; delete the stale one");
        }
        if (hasSingle) {
            return Safetensors.read(single, manager);
        }
        if (hasIndex) {
            return ShardedCheckpoint.read(index, manager);
        }
        throw new CheckpointException(dir, "holds no " + WEIGHTS_FILE + " and no " + ShardedCheckpoint.INDEX_FILE
                + "; point at a directory saved by dno or by transformers' save_pretrained (safetensors)");
    }
}
