package io.dno.core.merge;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.checkpoint.CheckpointException;
import io.dno.core.checkpoint.Checkpoints;
import io.dno.core.checkpoint.SafetensorsStreamWriter;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import io.dno.core.model.CheckpointDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.TreeSet;

/**
 * Merges checkpoints and LoRA adapters file to file, streaming: for each tensor (in name order) it reads that
 * tensor from every input, merges it with {@link TensorMerge} and appends it to the output, so memory holds
 * one tensor per input rather than whole models. Inputs are validated first (configs, tensor names, shapes,
 * dtypes), with errors naming the file and tensor; the output directory is built under a temporary name and
 * renamed into place when complete. Output tensors keep the inputs' dtype (F32, F16 or BF16).
 */
public final class Merges {
    /** Keys of config.json that may differ between checkpoints of the same architecture. */
    static final Set<String> CONFIG_KEYS_IGNORED = Set.of("_name_or_path", "transformers_version", "torch_dtype");
    /** Keys of adapter_config.json that may differ between adapters of the same shape. */
    static final Set<String> ADAPTER_KEYS_IGNORED = Set.of("revision", "peft_version", "inference_mode");
    /** Provenance file written beside the merged weights. */
    public static final String PROVENANCE = "dno_merge.json";

    private Merges() {}

    /**
     * Merges Hugging Face checkpoint directories ({@code config.json} + single or sharded safetensors) into a
     * checkpoint directory {@code out} with one {@code model.safetensors}, {@code config.json} and tokenizer
     * files copied from the first model.
     *
     * @param base the common base model; required by the task-vector methods ({@link MergeMethod#needsBase()})
     */
    public static MergeReport checkpoints(List<Path> models, Optional<Path> base, MergeSettings settings, Path out) {
        checkInputs(models, base, settings, true);
        List<Path> configs = new ArrayList<>();
        models.forEach(m -> configs.add(m.resolve(CheckpointDir.CONFIG)));
        base.ifPresent(b -> configs.add(b.resolve(CheckpointDir.CONFIG)));
        checkSameJson(configs, CONFIG_KEYS_IGNORED, "config");
        List<TensorSource> sources = new ArrayList<>();
        try {
            for (Path m : models) {
                sources.add(SafetensorsTensors.openCheckpoint(m));
            }
            Optional<TensorSource> baseSource = base.map(SafetensorsTensors::openCheckpoint);
            baseSource.ifPresent(sources::add);
            return writeOutput(out, tmp -> {
                MergeReport report = stream(sources.subList(0, models.size()), baseSource, false, settings,
                        tmp.resolve(Checkpoints.WEIGHTS_FILE), out);
                copyModelFiles(models.get(0), tmp);
                writeProvenance(tmp, settings, models, base, Optional.empty());
                return report;
            });
        } finally {
            sources.forEach(TensorSource::close);
        }
    }

    /**
     * Merges PEFT LoRA adapter directories. {@link AdapterMergeMode#DELTA} needs {@code base}, the model the
     * adapters were trained on, and writes a full checkpoint (base files + merged weights);
     * {@link AdapterMergeMode#FACTORS} writes an adapter directory and takes no base.
     */
    public static MergeReport adapters(List<Path> adapters, Optional<Path> base, AdapterMergeMode mode,
                                       MergeSettings settings, Path out) {
        checkArgument(mode != null, "an adapter merge mode is required (delta or factors)");
        if (mode == AdapterMergeMode.FACTORS) {
            checkArgument(base.isEmpty(), "merging adapter factors takes no base model (the zero adapter is the base); "
                    + "drop --base, or use the delta mode to merge into a base model");
            checkInputs(adapters, Optional.empty(), settings, false);
            List<Path> configs = adapters.stream().map(a -> a.resolve(LoraAdapterFiles.CONFIG)).toList();
            adapters.forEach(LoraAdapterFiles::open);
            checkSameJson(configs, ADAPTER_KEYS_IGNORED, "adapter config");
            List<TensorSource> sources = new ArrayList<>();
            try {
                for (Path a : adapters) {
                    Path weights = a.resolve(LoraAdapterFiles.WEIGHTS);
                    sources.add(SafetensorsTensors.openFile(weights, weights));
                }
                return writeOutput(out, tmp -> {
                    MergeReport report = stream(sources, Optional.empty(), true, settings,
                            tmp.resolve(LoraAdapterFiles.WEIGHTS), out);
                    copy(adapters.get(0).resolve(LoraAdapterFiles.CONFIG), tmp.resolve(LoraAdapterFiles.CONFIG));
                    writeProvenance(tmp, settings, adapters, base, Optional.of(mode));
                    return report;
                });
            } finally {
                sources.forEach(TensorSource::close);
            }
        }
        checkArgument(base.isPresent(), "merging adapter deltas needs --base, the model the adapters were trained on");
        checkInputs(adapters, base, settings, false);
        List<LoraAdapterFiles> files = adapters.stream().map(LoraAdapterFiles::open).toList();
        try (SafetensorsTensors baseSource = SafetensorsTensors.openCheckpoint(base.get())) {
            List<TensorSource> sources = new ArrayList<>();
            try {
                for (LoraAdapterFiles f : files) {
                    sources.add(new LoraDeltaTensors(baseSource, f));
                }
                return writeOutput(out, tmp -> {
                    MergeReport report = stream(sources, Optional.of(baseSource), false, settings,
                            tmp.resolve(Checkpoints.WEIGHTS_FILE), out);
                    copyModelFiles(base.get(), tmp);
                    writeProvenance(tmp, settings, adapters, base, Optional.of(mode));
                    return report;
                });
            } finally {
                sources.forEach(TensorSource::close);
            }
        }
    }

    /**
     * Builds {@code out} in a temporary directory renamed into place when complete
     * ({@link AtomicFiles#writeDirectory}); an existing non-empty {@code out} is refused, never replaced.
     */
    private static MergeReport writeOutput(Path out, Function<Path, MergeReport> fill) {
        if (Files.exists(out) && !isEmptyDirectory(out)) {
            throw new IllegalArgumentException(out + " already exists and is not empty; remove it or choose another "
                    + "output directory");
        }
        MergeReport[] report = new MergeReport[1];
        AtomicFiles.writeDirectory(out, tmp -> report[0] = fill.apply(tmp));
        return report[0];
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Checks every input against the first, then merges tensor by tensor into {@code weightsFile}. */
    private static MergeReport stream(List<TensorSource> models, Optional<TensorSource> base, boolean zeroBase,
                                      MergeSettings settings, Path weightsFile, Path out) {
        TensorSource first = models.get(0);
        for (TensorSource other : models.subList(1, models.size())) {
            checkSameTensors(first, other);
        }
        base.ifPresent(b -> checkSameTensors(first, b));
        boolean needsBase = settings.method().needsBase();
        List<SafetensorsStreamWriter.Entry> entries = new ArrayList<>(first.entries().values());
        long elements = 0;
        try (SafetensorsStreamWriter writer = SafetensorsStreamWriter.create(weightsFile, entries,
                Map.of("merge_method", settings.method().cliName()))) {
            for (SafetensorsStreamWriter.Entry entry : writer.order()) {
                List<float[]> values = new ArrayList<>(models.size());
                for (TensorSource m : models) {
                    values.add(m.read(entry.name()));
                }
                float[] baseValues = null;
                if (needsBase) {
                    baseValues = base.isPresent() ? base.get().read(entry.name())
                            : zeroBase ? new float[values.get(0).length] : null;
                }
                float[] merged = TensorMerge.merge(entry.name(), values, baseValues, settings);
                writer.write(entry.name(), merged);
                elements += merged.length;
            }
        }
        return new MergeReport(out, entries.size(), elements);
    }

    private static void checkInputs(List<Path> models, Optional<Path> base, MergeSettings settings, boolean checkpoint) {
        checkArgument(models != null && !models.isEmpty(), "give at least one model to merge");
        checkArgument(settings != null, "merge settings are required");
        if (settings.method() == MergeMethod.SLERP) {
            checkArgument(models.size() == 2, "slerp merges exactly two models, got %s", models.size());
        } else if (settings.method() == MergeMethod.LINEAR) {
            checkArgument(models.size() >= 2, "a linear merge needs at least two models, got %s", models.size());
        }
        checkArgument(settings.weights().isEmpty() || settings.weights().size() == models.size(),
                "%s weights given for %s models; give one weight per model", settings.weights().size(), models.size());
        if (settings.method().needsBase() && (checkpoint || base.isPresent())) {
            checkArgument(base.isPresent(), "%s merges task vectors (model − base) and needs --base, the model all "
                    + "inputs were fine-tuned from", settings.method());
        }
        for (Path m : models) {
            if (!Files.isDirectory(m)) {
                throw new CheckpointException(m, (Files.exists(m) ? "is a file, not a directory" : "does not exist")
                        + "; give " + (checkpoint ? "model directories (config.json + model.safetensors)"
                        : "adapter directories"));
            }
            if (checkpoint && !Files.isRegularFile(m.resolve(CheckpointDir.CONFIG))) {
                throw new CheckpointException(m, "has no config.json: not a model directory");
            }
        }
        base.ifPresent(b -> {
            if (!Files.isRegularFile(b.resolve(CheckpointDir.CONFIG))) {
                throw new CheckpointException(b, "has no config.json: the base must be a model directory");
            }
        });
    }

    /** Every input must have the first one's tensors, with the same shapes and dtypes. */
    private static void checkSameTensors(TensorSource first, TensorSource other) {
        for (String name : first.entries().keySet()) {
            if (!other.entries().containsKey(name)) {
                throw new CheckpointException(other.origin(), "has no tensor '" + name + "', which " + first.origin()
                        + " has; merge models of the same architecture");
            }
        }
        for (Map.Entry<String, SafetensorsStreamWriter.Entry> e : other.entries().entrySet()) {
            SafetensorsStreamWriter.Entry mine = first.entries().get(e.getKey());
            if (mine == null) {
                throw new CheckpointException(other.origin(), "has tensor '" + e.getKey() + "', which " + first.origin()
                        + " lacks; merge models of the same architecture");
            }
            if (!mine.shape().equals(e.getValue().shape())) {
                throw new CheckpointException(other.origin(), "tensor '" + e.getKey() + "' has shape "
                        + e.getValue().shape() + " but " + mine.shape() + " in " + first.origin()
                        + "; merge models of the same sizes");
            }
            if (mine.dtype() != e.getValue().dtype()) {
                throw new CheckpointException(other.origin(), "tensor '" + e.getKey() + "' is " + e.getValue().dtype()
                        + " but " + mine.dtype() + " in " + first.origin() + "; convert the checkpoints to one dtype");
            }
        }
    }

    /** The JSON objects of {@code files} must be equal apart from the {@code ignored} top-level keys. */
    static void checkSameJson(List<Path> files, Set<String> ignored, String what) {
        ObjectNode first = Json.readObject(files.get(0), "a " + what);
        for (Path file : files.subList(1, files.size())) {
            ObjectNode other = Json.readObject(file, "a " + what);
            Set<String> keys = new TreeSet<>();
            first.fieldNames().forEachRemaining(keys::add);
            other.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                if (ignored.contains(key)) {
                    continue;
                }
                JsonNode a = first.get(key);
                JsonNode b = other.get(key);
                if (!Objects.equals(a, b) && !(a != null && b != null && a.isNumber() && b.isNumber()
                        && a.doubleValue() == b.doubleValue())) {
                    throw new CheckpointException(file, what + " key \"" + key + "\" is " + b + " but " + a + " in "
                            + files.get(0) + "; only inputs with the same " + what + " can be merged");
                }
            }
        }
    }

    private static void copyModelFiles(Path from, Path to) {
        copy(from.resolve(CheckpointDir.CONFIG), to.resolve(CheckpointDir.CONFIG));
        for (String name : CheckpointDir.TOKENIZER_FILES) {
            Path src = from.resolve(name);
            if (Files.isRegularFile(src)) {
                copy(src, to.resolve(name));
            }
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static void writeProvenance(Path dir, MergeSettings s, List<Path> inputs, Optional<Path> base,
                                        Optional<AdapterMergeMode> mode) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("method", s.method().cliName());
        mode.ifPresent(m -> root.put("adapter_mode", m.name().toLowerCase(java.util.Locale.ROOT)));
        ArrayNode models = root.putArray("models");
        inputs.forEach(p -> models.add(p.toAbsolutePath().normalize().toString()));
        base.ifPresent(b -> root.put("base", b.toAbsolutePath().normalize().toString()));
        ArrayNode weights = root.putArray("weights");
        for (int i = 0; i < inputs.size(); i++) {
            weights.add(s.weight(i, inputs.size()));
        }
        root.put("lambda", s.lambda()).put("density", s.density()).put("drop", s.drop()).put("t", s.t())
                .put("seed", s.seed()).put("normalize", s.normalize()).put("rescale", s.rescale());
        try {
            Files.writeString(dir.resolve(PROVENANCE),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(PROVENANCE) + ": " + e.getMessage(), e);
        }
    }

}
