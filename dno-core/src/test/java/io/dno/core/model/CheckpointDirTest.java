package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dno.core.checkpoint.ShardedCheckpoint;
import io.dno.core.checkpoint.StorageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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
}
