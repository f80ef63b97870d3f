package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dno.core.checkpoint.Checkpoints;
import io.dno.core.checkpoint.Safetensors;
import io.dno.core.checkpoint.StorageType;
import io.dno.core.io.Directories;
import io.dno.core.tensor.InPlace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face model directory: {@code config.json}, the weights (one {@code model.safetensors} written
 * here; single or sharded read, F32/F16/BF16 widened to float32, via {@link Checkpoints}) and, when the
 * tokenizer came from a directory, its files ({@code tokenizer.json}, {@code tokenizer_config.json}, ...).
 */
public final class CheckpointDir {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = Checkpoints.WEIGHTS_FILE;
    /** Tokenizer files copied along with a model when present. */
    public static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "vocab.json", "merges.txt", "tokenizer.model", "generation_config.json");

    private CheckpointDir() {}

    /** Writes config.json and a float32 model.safetensors of {@code model} into {@code dir} (created if missing). */
    public static void save(Transformer model, Path dir) {
        save(model, Optional.empty(), dir, StorageType.F32);
    }

    /** As {@link #save(Transformer, Path)}, also copying the tokenizer files found in {@code tokenizerDir}. */
    public static void save(Transformer model, Optional<Path> tokenizerDir, Path dir) {
        save(model, tokenizerDir, dir, StorageType.F32);
    }

    /** Saves with weights stored as {@code storage} (F32 lossless; F16/BF16 halve the file and round). */
    public static void save(Transformer model, Optional<Path> tokenizerDir, Path dir, StorageType storage) {
        checkArgument(model.projection() == Projection.PLAIN, "the model has an adapter or a quantised base attached"
                + " (%s): save the adapter with AdapterFiles, or merge and detach it first",
                model.projection().getClass().getSimpleName());
        try {
            Files.createDirectories(dir);
            Safetensors.write(dir.resolve(WEIGHTS), model.parameters(), Map.of("format", "pt"), storage);
            HfConfigJson.write(model.config(), dir.resolve(CONFIG));
            if (tokenizerDir.isPresent() && !tokenizerDir.get().toAbsolutePath().equals(dir.toAbsolutePath())) {
                for (String name : TOKENIZER_FILES) {
                    Path src = tokenizerDir.get().resolve(name);
                    if (Files.isRegularFile(src)) {
                        Files.copy(src, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies the weights of checkpoint {@code dir} into {@code model}'s live parameters, in place (the model
     * keeps its manager, device and trainable flags). Every parameter must be present with the same shape.
     */
    public static void loadInto(Transformer model, Path dir) {
        try (NDManager scratch = model.manager().newSubManager()) {
            Map<String, NDArray> weights = Checkpoints.readWeights(dir, scratch);
            for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
                NDArray w = weights.get(e.getKey());
                checkArgument(w != null, "%s: parameter '%s' is missing", dir, e.getKey());
                checkArgument(w.getShape().equals(e.getValue().getShape()), "%s: parameter '%s' has shape %s, the "
                        + "model has %s", dir, e.getKey(), w.getShape(), e.getValue().getShape());
                NDArray source = w.getDataType() == e.getValue().getDataType() ? w
                        : w.toType(e.getValue().getDataType(), false);
                InPlace.copy(e.getValue(), source);
            }
        }
    }

    /** Loads the model of {@code dir}; its arrays live in the returned model's own manager. */
    public static Transformer load(Path dir) {
        return load(dir, Device.cpu());
    }

    /** As {@link #load(Path)}, with the parameters on {@code device} (checked before anything is read). */
    public static Transformer load(Path dir, Device device) {
        Devices.requireUsable(device);
        Directories.requireExisting(dir, "a model directory (config.json, model.safetensors, tokenizer files)");
        Path configFile = dir.resolve(CONFIG);
        checkArgument(Files.isRegularFile(configFile), "%s has no config.json: not a model directory", dir);
        TransformerConfig config = HfConfigJson.read(configFile);
        try (NDManager scratch = NDManager.newBaseManager()) {
            Map<String, NDArray> weights = Checkpoints.readWeights(dir, scratch);
            return Transformer.fromWeights(config, weights, device);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(dir + ": " + e.getMessage(), e);
        }
    }
}
