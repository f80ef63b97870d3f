package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.dno.core.checkpoint.ShardedCheckpoint;
import io.dno.core.checkpoint.StorageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointDirTest {

    @Test
    void saveThenLoadGivesIdenticalLogits(@TempDir Path dir) throws Exception {
        for (TransformerConfig config : TinyConfigs.all()) {
            Path out = dir.resolve(config.modelType());
            Path tokenizerDir = Files.createDirectories(dir.resolve("tok-" + config.modelType()));
            Files.writeString(tokenizerDir.resolve("tokenizer.json"), "{}");
            try (Transformer saved = Transformer.random(config, 31)) {
                CheckpointDir.save(saved, Optional.of(tokenizerDir), out);
                try (Transformer loaded = CheckpointDir.load(out); NDManager m = saved.manager().newSubManager()) {
                    assertEquals(config, loaded.config());
                    assertEquals(saved.parameters().keySet(), loaded.parameters().keySet());
                    NDArray ids = m.create(new long[][] {{1, 40, 41, 42, 43}});
                    NDArray mask = m.ones(new Shape(1, 5));
                    NDArray a = saved.logits(ids, mask);
                    NDArray b = loaded.logits(ids, mask);
                    assertEquals(0f, a.sub(b).abs().max().getFloat(), config.modelType());
                }
            }
            assertTrue(Files.exists(out.resolve("config.json")));
            assertTrue(Files.exists(out.resolve("tokenizer.json")), "tokenizer files are copied");
        }
    }

    @Test
    void loadsBf16WeightsWidenedToFloat32(@TempDir Path dir) {
        try (Transformer saved = Transformer.random(TinyConfigs.qwen2GqaUntied(), 33)) {
            CheckpointDir.save(saved, Optional.empty(), dir, StorageType.BF16);
            try (Transformer loaded = CheckpointDir.load(dir); NDManager m = saved.manager().newSubManager()) {
                NDArray w = saved.parameters().get(ParameterNames.EMBED);
                NDArray v = loaded.parameters().get(ParameterNames.EMBED);
                assertEquals(DataType.FLOAT32, v.getDataType());
                // bf16 keeps 8 significant bits: relative error <= 2^-8
                float rel = v.sub(w).abs().div(w.abs().add(1e-12f)).max().getFloat();
                assertTrue(rel <= 1f / 256, "bf16 relative error " + rel);
                assertTrue(rel > 0, "weights were rounded to bf16");
            }
        }
    }

    @Test
    void loadsShardedWeights(@TempDir Path dir) {
        try (Transformer saved = Transformer.random(TinyConfigs.llamaGqaTied(), 34);
             NDManager m = saved.manager().newSubManager()) {
            ShardedCheckpoint.write(dir, saved.parameters(), Map.of(), StorageType.F32, 20_000);
            HfConfigJson.write(saved.config(), dir.resolve(CheckpointDir.CONFIG));
            try (Transformer loaded = CheckpointDir.load(dir)) {
                NDArray ids = m.create(new long[][] {{1, 50, 60}});
                NDArray mask = m.ones(new Shape(1, 3));
                assertEquals(0f, saved.logits(ids, mask).sub(loaded.logits(ids, mask)).abs().max().getFloat());
            }
        }
    }

    @Test
    void rejectsWeightsThatDoNotMatchTheConfig(@TempDir Path dir) {
        try (Transformer model = Transformer.random(TinyConfigs.llamaGqaTied(), 32)) {
            CheckpointDir.save(model, dir);
        }
        HfConfigJson.write(TinyConfigs.llamaGqaTied().withTiedEmbeddings(false), dir.resolve("config.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointDir.load(dir));
        assertTrue(e.getMessage().contains("lm_head.weight") && e.getMessage().contains("missing"), e.getMessage());
    }

    /**
     * loadInto overwrites the live parameters (issue 21: formerly through DJL's set(Buffer), whose JNI guard made
     * PyTorch print an AutoNonVariableTypeMode deprecation warning): the model then gives the logits and the
     * gradients of a fresh load, bitwise, and of the same parameters written through set(Buffer).
     */
    @Test
    void loadIntoGivesTheLogitsAndGradientsOfAFreshLoad(@TempDir Path dir) {
        TransformerConfig config = TinyConfigs.llamaGqaTied();
        try (Transformer saved = Transformer.random(config, 41)) {
            CheckpointDir.save(saved, dir);
        }
        try (Transformer fresh = CheckpointDir.load(dir);
             Transformer reloaded = Transformer.random(config, 42);
             Transformer viaBuffer = Transformer.random(config, 43)) {
            CheckpointDir.loadInto(reloaded, dir);
            fresh.parameters().forEach((name, w) -> viaBuffer.parameters().get(name).set(w.toByteBuffer()));
            for (Transformer model : List.of(fresh, reloaded, viaBuffer)) {
                model.parameters().values().forEach(p -> p.setRequiresGradient(true));
            }
            Map<String, float[]> expected = logitsAndGradients(fresh);
            for (Transformer model : List.of(reloaded, viaBuffer)) {
                Map<String, float[]> actual = logitsAndGradients(model);
                assertEquals(expected.keySet(), actual.keySet());
                expected.forEach((name, values) -> assertArrayEquals(values, actual.get(name), name));
            }
        }
    }

    /** The logits of a fixed batch and the gradient of their mean with respect to every parameter. */
    private static Map<String, float[]> logitsAndGradients(Transformer model) {
        Map<String, float[]> out = new TreeMap<>();
        try (NDManager m = model.manager().newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray ids = m.create(new long[][] {{1, 40, 41, 42, 43}, {1, 7, 8, 9, 0}});
            NDArray mask = m.create(new float[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 1, 0}});
            NDArray logits = model.logits(ids, mask);                              // (B, T, V)
            out.put("logits", logits.toFloatArray());
            gc.backward(logits.mean());
            model.parameters().forEach((name, p) -> out.put(name, p.getGradient().toFloatArray()));
        }
        return out;
    }
}
