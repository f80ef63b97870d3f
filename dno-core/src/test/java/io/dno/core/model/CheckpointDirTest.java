package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void rejectsBf16WeightsBeforeDjlCanAbortTheJvm(@TempDir Path dir) throws Exception {
        HfConfigJson.write(TinyConfigs.mistralMha(), dir.resolve("config.json"));
        byte[] header = "{\"model.norm.weight\":{\"dtype\":\"BF16\",\"shape\":[24],\"data_offsets\":[0,48]}}"
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + header.length + 48).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(header.length).put(header);
        Files.write(dir.resolve("model.safetensors"), file.array());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointDir.load(dir));
        assertTrue(e.getMessage().contains("BF16") && e.getMessage().contains("model.norm.weight"), e.getMessage());
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
