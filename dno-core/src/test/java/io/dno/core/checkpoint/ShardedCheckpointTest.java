package io.dno.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dno.core.testing.NdManagerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardedCheckpointTest {
    @RegisterExtension
    static final NdManagerExtension ND = new NdManagerExtension();

    @TempDir
    Path dir;

    private static Map<String, NDArray> model() {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (int layer = 0; layer < 4; layer++) {
            tensors.put("layers." + layer + ".weight", ND.manager().randomNormal(new Shape(16, 16))); // 1024 bytes
            tensors.put("layers." + layer + ".bias", ND.manager().randomNormal(new Shape(16)));       // 64 bytes
        }
        tensors.put("embed", ND.manager().randomNormal(new Shape(64, 16)));                          // 4096 bytes
        tensors.put("position_ids", ND.manager().arange(0, 32, 1, DataType.INT64));
        return tensors;
    }

    @Test
    void shardedWriteReadsBackLikeTheUnshardedFile() throws IOException {
        Map<String, NDArray> tensors = model();
        Path single = Files.createDirectories(dir.resolve("single"));
        Safetensors.write(single.resolve(Checkpoints.WEIGHTS_FILE), tensors, Map.of(), StorageType.F32);
        Path sharded = dir.resolve("sharded");
        ShardIndex index = ShardedCheckpoint.write(sharded, tensors, Map.of(), StorageType.F32, 2048);

        assertEquals(OptionalLong.of(4 * (1024 + 64) + 4096 + 32 * 8), index.totalSize());
        int shards = index.shards().size();
        assertTrue(shards >= 3, "expected several shards, got " + index.shards());
        for (int i = 1; i <= shards; i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i, shards);
            assertTrue(index.shards().contains(name), name);
            assertTrue(Files.size(sharded.resolve(name)) - Safetensors.readHeader(sharded.resolve(name)).dataStart() <= 4096);
        }
        assertEquals("model-00001-of-0000" + shards + ".safetensors", index.weightMap().get("embed"),
                "the 4096-byte tensor exceeds the limit and gets a shard of its own");
        assertEquals(index, ShardedCheckpoint.readIndex(sharded.resolve(ShardedCheckpoint.INDEX_FILE)));

        Map<String, NDArray> fromSingle = Checkpoints.readWeights(single, ND.manager());
        Map<String, NDArray> fromShards = Checkpoints.readWeights(sharded, ND.manager());
        assertEquals(List.copyOf(fromSingle.keySet()), List.copyOf(fromShards.keySet()));
        for (String name : tensors.keySet()) {
            assertTrue(fromShards.get(name).contentEquals(fromSingle.get(name)), name);
            assertTrue(fromShards.get(name).contentEquals(tensors.get(name)), name);
        }
    }

    @Test
    void readsIndexWrittenByTransformers() throws IOException {
        Safetensors.write(dir.resolve("model-00001-of-00002.safetensors"),
                Map.of("a", ND.manager().ones(new Shape(2)), "unlisted", ND.manager().ones(new Shape(1))), Map.of(),
                StorageType.BF16);
        Safetensors.write(dir.resolve("model-00002-of-00002.safetensors"),
                Map.of("b", ND.manager().zeros(new Shape(3))), Map.of(), StorageType.BF16);
        Files.writeString(dir.resolve(ShardedCheckpoint.INDEX_FILE), """
                {
                  "metadata": {"total_size": 10, "total_parameters": 5},
                  "weight_map": {
                    "b": "model-00002-of-00002.safetensors",
                    "a": "model-00001-of-00002.safetensors"
                  }
                }
                """);
        Map<String, NDArray> weights = Checkpoints.readWeights(dir, ND.manager());
        assertEquals(List.of("a", "b"), List.copyOf(weights.keySet()), "unlisted shard tensors are skipped");
        assertEquals(2f, weights.get("a").sum().getFloat());
        assertEquals(new Shape(3), weights.get("b").getShape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../model.safetensors", "/etc/passwd", "sub/../../x.safetensors", "..", "", "a\\\\..\\\\..\\\\b"})
    void shardPathsMustStayInTheDirectory(String shard) throws IOException {
        Path ckpt = Files.createDirectories(dir.resolve("ckpt"));
        Safetensors.write(dir.resolve("model.safetensors"), Map.of("a", ND.manager().ones(new Shape(1))), Map.of(),
                StorageType.F32);
        Files.writeString(ckpt.resolve(ShardedCheckpoint.INDEX_FILE),
                "{\"metadata\": {}, \"weight_map\": {\"a\": \"" + shard + "\"}}");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoints.readWeights(ckpt, ND.manager()));
        assertTrue(e.getMessage().contains("tensor 'a'") && e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void tensorMissingFromItsShardIsAnError() throws IOException {
        Safetensors.write(dir.resolve("s.safetensors"), Map.of("a", ND.manager().ones(new Shape(1))), Map.of(),
                StorageType.F32);
        Files.writeString(dir.resolve(ShardedCheckpoint.INDEX_FILE),
                "{\"weight_map\": {\"a\": \"s.safetensors\", \"b\": \"s.safetensors\"}}");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoints.readWeights(dir, ND.manager()));
        assertTrue(e.getMessage().contains("tensor 'b'") && e.getMessage().contains("does not contain"), e.getMessage());
    }

    @Test
    void malformedIndexIsAnError() throws IOException {
        Path index = dir.resolve(ShardedCheckpoint.INDEX_FILE);
        Files.writeString(index, "{\"weight_map\": []}");
        assertThrows(CheckpointException.class, () -> ShardedCheckpoint.readIndex(index));
        Files.writeString(index, "{\"weight_map\": {}}");
        assertThrows(CheckpointException.class, () -> ShardedCheckpoint.readIndex(index));
        Files.writeString(index, "{\"weight_map\": {\"a\": 3}}");
        assertThrows(CheckpointException.class, () -> ShardedCheckpoint.readIndex(index));
        Files.writeString(index, "{\"weight_map\": ");
        assertThrows(CheckpointException.class, () -> ShardedCheckpoint.readIndex(index));
    }

    @Test
    void directoryMustHoldExactlyOneLayout() throws IOException {
        CheckpointException none = assertThrows(CheckpointException.class,
                () -> Checkpoints.readWeights(dir, ND.manager()));
        assertTrue(none.getMessage().contains("holds no model.safetensors"), none.getMessage());
        Map<String, NDArray> tensors = Map.of("a", ND.manager().ones(new Shape(2)));
        Safetensors.write(dir.resolve(Checkpoints.WEIGHTS_FILE), tensors, Map.of(), StorageType.F32);
        ShardedCheckpoint.write(dir, tensors, Map.of(), StorageType.F32, 1 << 20);
        CheckpointException both = assertThrows(CheckpointException.class,
                () -> Checkpoints.readWeights(dir, ND.manager()));
        assertTrue(both.getMessage().contains("delete the stale one"), both.getMessage());
    }
}
