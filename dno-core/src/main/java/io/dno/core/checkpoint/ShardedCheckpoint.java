package io.dno.core.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints split over several safetensors files, as {@code transformers}' {@code save_pretrained} writes
 * them when a model exceeds {@code max_shard_size}: shards named {@code model-00001-of-00003.safetensors}
 * and an index {@code model.safetensors.index.json} mapping each tensor to its shard.
 */
public final class ShardedCheckpoint {
    /** The index file name used by {@code transformers}. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private static final Logger LOG = LoggerFactory.getLogger(ShardedCheckpoint.class);

    private ShardedCheckpoint() {}

    /** Reads and validates an index file; shard paths that leave the index's directory are rejected. */
    public static ShardIndex readIndex(Path indexFile) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readAllBytes(indexFile));
        } catch (NoSuchFileException e) {
            throw new CheckpointException(indexFile, "no such index file; check the checkpoint path", e);
        } catch (IOException e) {
            throw new CheckpointException(indexFile, "cannot read the shard index: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("weight_map").isObject()) {
            throw new CheckpointException(indexFile, "a shard index must be a JSON object with a \"weight_map\" object");
        }
        OptionalLong totalSize = OptionalLong.empty();
        JsonNode total = root.path("metadata").path("total_size");
        if (total.isIntegralNumber() && total.canConvertToLong()) {
            totalSize = OptionalLong.of(total.longValue());
        }
        SortedMap<String, String> weightMap = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("weight_map").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new CheckpointException(indexFile, "weight_map entry '" + e.getKey() + "' must name a shard file");
            }
            shardPath(indexFile, e.getKey(), e.getValue().textValue());
            weightMap.put(e.getKey(), e.getValue().textValue());
        }
        if (weightMap.isEmpty()) {
            throw new CheckpointException(indexFile, "the weight_map is empty; the index names no tensors");
        }
        return new ShardIndex(totalSize, weightMap);
    }

    /**
     * Loads every tensor named in {@code indexFile}'s weight map from its shard, in name order, F16 and BF16
     * widened to float32. Tensors a shard holds but the index does not name are skipped with a warning.
     */
    public static Map<String, NDArray> read(Path indexFile, NDManager manager) {
        ShardIndex index = readIndex(indexFile);
        Map<String, NDArray> out = new LinkedHashMap<>();
        try {
            for (String shard : index.shards()) {
                Path shardFile = shardPath(indexFile, "", shard);
                try (SafetensorsFile st = SafetensorsFile.open(shardFile)) {
                    int used = 0;
                    for (Map.Entry<String, String> e : index.weightMap().entrySet()) {
                        if (!e.getValue().equals(shard)) {
                            continue;
                        }
                        TensorInfo info = st.header().tensor(e.getKey()).orElseThrow(() -> new CheckpointException(
                                indexFile, "tensor '" + e.getKey() + "' is mapped to " + shard
                                        + ", which does not contain it; the index and shards are out of sync, re-save"));
                        out.put(e.getKey(), st.read(info, manager, HalfPrecision.TO_FLOAT32));
                        used++;
                    }
                    if (used < st.header().tensors().size()) {
                        LOG.warn("{}: {} tensors are not named in {} and were skipped", shardFile,
                                st.header().tensors().size() - used, indexFile.getFileName());
                    }
                }
            }
        } catch (RuntimeException e) {
            out.values().forEach(NDArray::close);
            throw e;
        }
        Map<String, NDArray> sorted = new LinkedHashMap<>();
        index.weightMap().keySet().forEach(name -> sorted.put(name, out.get(name)));
        return sorted;
    }

    /**
     * Writes {@code tensors} into {@code dir} as shards of at most {@code maxShardBytes} data bytes each
     * (a single tensor larger than that gets a shard of its own), names sorted and packed in order, then the
     * index. Shard files are written before the index, so a reader never sees an index naming a missing shard.
     *
     * @return the index that was written
     */
    public static ShardIndex write(Path dir, Map<String, NDArray> tensors, Map<String, String> metadata,
                                   StorageType type, long maxShardBytes) {
        checkArgument(maxShardBytes > 0, "maxShardBytes must be > 0, got %s", maxShardBytes);
        checkArgument(tensors != null && !tensors.isEmpty(), "a checkpoint needs at least one tensor");
        List<Map<String, NDArray>> shards = new ArrayList<>();
        Map<String, NDArray> current = new TreeMap<>();
        long currentBytes = 0;
        long totalBytes = 0;
        for (Map.Entry<String, NDArray> e : new TreeMap<>(tensors).entrySet()) {
            long bytes = Safetensors.storedBytes(e.getValue(), type);
            if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
                shards.add(current);
                current = new TreeMap<>();
                currentBytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            currentBytes += bytes;
            totalBytes += bytes;
        }
        shards.add(current);
        SortedMap<String, String> weightMap = new TreeMap<>();
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            Safetensors.write(dir.resolve(name), shards.get(i), metadata, type);
            shards.get(i).keySet().forEach(tensor -> weightMap.put(tensor, name));
        }
        ShardIndex index = new ShardIndex(OptionalLong.of(totalBytes), weightMap);
        writeIndex(dir.resolve(INDEX_FILE), index);
        return index;
    }

    private static void writeIndex(Path indexFile, ShardIndex index) {
        ObjectNode root = Json.mapper().createObjectNode();
        index.totalSize().ifPresent(size -> root.putObject("metadata").put("total_size", size));
        ObjectNode map = root.putObject("weight_map");
        index.weightMap().forEach(map::put);
        try {
            AtomicFiles.writeString(indexFile, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(indexFile, "cannot write the shard index: " + e.getMessage(), e);
        }
    }

    /** The shard file {@code shard} of {@code indexFile}, which must be a relative path inside its directory. */
    static Path shardPath(Path indexFile, String tensor, String shard) {
        Path dir = indexFile.toAbsolutePath().normalize().getParent();
        Path resolved;
        try {
            Path relative = Path.of(shard);
            if (shard.isEmpty() || relative.isAbsolute() || shard.startsWith("/") || shard.startsWith("\\")) {
                throw new InvalidPathException(shard, "absolute or empty");
            }
            resolved = dir.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw new CheckpointException(indexFile, "tensor '" + tensor + "' maps to shard '" + shard
                    + "', which is not a relative file name; shards must lie in the index's directory", e);
        }
        if (!resolved.startsWith(dir) || resolved.equals(dir) || shard.contains("..") || shard.contains("\\")) {
            throw new CheckpointException(indexFile, "tensor '" + tensor + "' maps to shard '" + shard
                    + "', which escapes the checkpoint directory; shards must lie in the index's directory");
        }
        return resolved;
    }
}
