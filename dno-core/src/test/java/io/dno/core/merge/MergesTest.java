package io.dno.core.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dno.core.checkpoint.CheckpointException;
import io.dno.core.checkpoint.Checkpoints;
import io.dno.core.checkpoint.Safetensors;
import io.dno.core.checkpoint.ShardedCheckpoint;
import io.dno.core.checkpoint.StorageType;
import io.dno.core.checkpoint.TensorInfo;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.testing.NdManagerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Merging checkpoint directories file to file: values, dtypes, layouts, loadability and input checks. */
class MergesTest {
    static final TransformerConfig CONFIG = TransformerConfig.llama(16, 8, 16, 1, 2, 1, 32);
    @RegisterExtension
    static final NdManagerExtension ND = new NdManagerExtension();

    @TempDir
    Path dir;

    static Path model(Path dir, String name, long seed, StorageType storage) {
        Path out = dir.resolve(name);
        try (Transformer model = Transformer.random(CONFIG, seed)) {
            CheckpointDir.save(model, Optional.empty(), out, storage);
        }
        return out;
    }

    static Map<String, float[]> weights(Path model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Checkpoints.readWeights(model, m).forEach((k, v) -> out.put(k, v.toFloatArray()));
        }
        return out;
    }

    @Test
    void linearMergeOfTwoCheckpointsIsTheirMeanAndLoads() throws IOException {
        Path a = model(dir, "a", 1, StorageType.F32);
        Path b = model(dir, "b", 2, StorageType.F32);
        MergeReport report = Merges.checkpoints(List.of(a, b), Optional.empty(), MergeSettings.of(MergeMethod.LINEAR),
                dir.resolve("out"));
        Map<String, float[]> wa = weights(a);
        Map<String, float[]> wb = weights(b);
        Map<String, float[]> merged = weights(dir.resolve("out"));
        assertEquals(wa.keySet(), merged.keySet());
        assertEquals(wa.size(), report.tensors());
        for (String name : wa.keySet()) {
            float[] expected = new float[wa.get(name).length];
            for (int j = 0; j < expected.length; j++) {
                expected[j] = (float) ((wa.get(name)[j] + (double) wb.get(name)[j]) / 2);
            }
            assertArrayEquals(expected, merged.get(name), 0f, name);
        }
        try (Transformer loaded = CheckpointDir.load(dir.resolve("out"))) {
            assertEquals(CONFIG.hiddenSize(), loaded.config().hiddenSize());
        }
        assertTrue(Files.readString(dir.resolve("out").resolve(Merges.PROVENANCE)).contains("\"linear\""));
        try (var entries = Files.list(dir)) {
            assertEquals(3, entries.count(), "no temporary directory is left beside the output");
        }
    }

    @ParameterizedTest
    @EnumSource(value = StorageType.class, names = {"BF16", "F16"})
    void identicalHalfPrecisionModelsMergeToThemselvesAndKeepTheirDtype(StorageType storage) {
        Path a = model(dir, "a", 3, storage);
        Path b = dir.resolve("b");
        model(dir, "b", 3, storage);
        Path base = model(dir, "base", 4, storage);
        for (MergeMethod method : MergeMethod.values()) {
            Path out = dir.resolve("out-" + method.cliName());
            MergeSettings s = MergeSettings.of(method).withDensity(1).withDrop(0).withWeights(List.of(0.5, 0.5));
            Merges.checkpoints(List.of(a, b), method.needsBase() ? Optional.of(base) : Optional.empty(), s, out);
            TensorInfo info = Safetensors.readHeader(out.resolve(Checkpoints.WEIGHTS_FILE)).tensors().get(0);
            assertEquals(storage.dtype(), info.dtype(), method.cliName());
            Map<String, float[]> expected = weights(a);
            Map<String, float[]> merged = weights(out);
            expected.forEach((name, values) -> assertArrayEquals(values, merged.get(name), 0f, method + " " + name));
        }
    }

    @Test
    void shardedInputsMergeLikeSingleFiles() throws IOException {
        Path a = model(dir, "a", 5, StorageType.F32);
        Path b = model(dir, "b", 6, StorageType.F32);
        Path sharded = Files.createDirectories(dir.resolve("b-sharded"));
        Files.copy(b.resolve(CheckpointDir.CONFIG), sharded.resolve(CheckpointDir.CONFIG));
        try (NDManager m = NDManager.newBaseManager()) {
            ShardedCheckpoint.write(sharded, Checkpoints.readWeights(b, m), Map.of(), StorageType.F32, 1024);
        }
        Merges.checkpoints(List.of(a, b), Optional.empty(), MergeSettings.of(MergeMethod.LINEAR), dir.resolve("one"));
        Merges.checkpoints(List.of(a, sharded), Optional.empty(), MergeSettings.of(MergeMethod.LINEAR), dir.resolve("two"));
        Map<String, float[]> one = weights(dir.resolve("one"));
        Map<String, float[]> two = weights(dir.resolve("two"));
        one.forEach((name, values) -> assertArrayEquals(values, two.get(name), 0f, name));
    }

    @Test
    void taskArithmeticOnFilesAddsTheTaskVectors() {
        Path base = model(dir, "base", 7, StorageType.F32);
        Path a = model(dir, "a", 8, StorageType.F32);
        Path b = model(dir, "b", 9, StorageType.F32);
        Merges.checkpoints(List.of(a, b), Optional.of(base),
                MergeSettings.of(MergeMethod.TASK_ARITHMETIC).withLambda(0.5), dir.resolve("out"));
        Map<String, float[]> w0 = weights(base);
        Map<String, float[]> wa = weights(a);
        Map<String, float[]> wb = weights(b);
        Map<String, float[]> merged = weights(dir.resolve("out"));
        for (String name : w0.keySet()) {
            for (int j = 0; j < w0.get(name).length; j++) {
                double b0 = w0.get(name)[j];
                double expected = b0 + 0.5 * ((wa.get(name)[j] - b0) + (wb.get(name)[j] - b0));
                assertEquals(expected, merged.get(name)[j], 1e-6, name + "[" + j + "]");
            }
        }
    }

    @Test
    void mismatchedInputsAreRefusedNamingFileAndTensor() throws IOException {
        Path a = model(dir, "a", 1, StorageType.F32);
        // same config, one tensor of another shape
        Path shape = copyWithWeights(a, "shape",
                w -> w.put("model.norm.weight", ND.manager().ones(new ai.djl.ndarray.types.Shape(9))));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Merges.checkpoints(List.of(a, shape),
                Optional.empty(), MergeSettings.of(MergeMethod.LINEAR), dir.resolve("o1")));
        assertTrue(e.getMessage().contains("shape") && e.getMessage().contains("model.norm.weight")
                && e.getMessage().startsWith(shape.toString()), e.getMessage());
        // one tensor missing
        Path missing = copyWithWeights(a, "missing", w -> w.remove("model.norm.weight"));
        e = assertThrows(CheckpointException.class, () -> Merges.checkpoints(List.of(a, missing), Optional.empty(),
                MergeSettings.of(MergeMethod.LINEAR), dir.resolve("o2")));
        assertTrue(e.getMessage().contains("has no tensor 'model.norm.weight'"), e.getMessage());
        // another dtype
        Path bf16 = model(dir, "bf16", 2, StorageType.BF16);
        e = assertThrows(CheckpointException.class, () -> Merges.checkpoints(List.of(a, bf16), Optional.empty(),
                MergeSettings.of(MergeMethod.LINEAR), dir.resolve("o3")));
        assertTrue(e.getMessage().contains("BF16") && e.getMessage().contains("F32"), e.getMessage());
        // another architecture
        Path deeper = dir.resolve("deeper");
        try (Transformer model = Transformer.random(TransformerConfig.llama(16, 8, 16, 2, 2, 1, 32), 1)) {
            CheckpointDir.save(model, deeper);
        }
        e = assertThrows(CheckpointException.class, () -> Merges.checkpoints(List.of(a, deeper), Optional.empty(),
                MergeSettings.of(MergeMethod.LINEAR), dir.resolve("o4")));
        assertTrue(e.getMessage().contains("num_hidden_layers") && e.getMessage().contains("config.json"), e.getMessage());
        // no base for a task-vector method; a non-empty output
        IllegalArgumentException iae = assertThrows(IllegalArgumentException.class, () -> Merges.checkpoints(
                List.of(a, a), Optional.empty(), MergeSettings.of(MergeMethod.TIES), dir.resolve("o5")));
        assertTrue(iae.getMessage().contains("--base"), iae.getMessage());
        iae = assertThrows(IllegalArgumentException.class, () -> Merges.checkpoints(List.of(a, a), Optional.empty(),
                MergeSettings.of(MergeMethod.LINEAR), a));
        assertTrue(iae.getMessage().contains("not empty"), iae.getMessage());
        for (String o : List.of("o1", "o2", "o3", "o4", "o5")) {
            assertFalse(Files.exists(dir.resolve(o)), o + " must not be created by a failed merge");
        }
    }

    private Path copyWithWeights(Path from, String name, java.util.function.Consumer<Map<String, NDArray>> edit)
            throws IOException {
        Path out = Files.createDirectories(dir.resolve(name));
        Files.copy(from.resolve(CheckpointDir.CONFIG), out.resolve(CheckpointDir.CONFIG));
        Map<String, NDArray> w = new LinkedHashMap<>(Checkpoints.readWeights(from, ND.manager()));
        edit.accept(w);
        Safetensors.write(out.resolve(Checkpoints.WEIGHTS_FILE), w, Map.of(), StorageType.F32);
        return out;
    }
}
