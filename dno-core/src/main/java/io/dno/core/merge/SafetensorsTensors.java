package io.dno.core.merge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dno.core.checkpoint.CheckpointException;
import io.dno.core.checkpoint.Checkpoints;
import io.dno.core.checkpoint.HalfPrecision;
import io.dno.core.checkpoint.SafetensorsDtype;
import io.dno.core.checkpoint.SafetensorsFile;
import io.dno.core.checkpoint.SafetensorsStreamWriter;
import io.dno.core.checkpoint.ShardIndex;
import io.dno.core.checkpoint.ShardedCheckpoint;
import io.dno.core.checkpoint.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tensors of safetensors files, read lazily: one file, or a Hugging Face checkpoint directory (one
 * {@code model.safetensors} or a sharded index). Only headers are read when opened.
 */
final class SafetensorsTensors implements TensorSource {
    private final Path origin;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> fileOf;
    private final Map<String, TensorInfo> infoOf;
    private final Map<String, SafetensorsStreamWriter.Entry> entries;

    private SafetensorsTensors(Path origin, List<SafetensorsFile> files, Map<String, SafetensorsFile> fileOf,
                               Map<String, TensorInfo> infoOf) {
        this.origin = origin;
        this.files = files;
        this.fileOf = fileOf;
        this.infoOf = infoOf;
        Map<String, SafetensorsStreamWriter.Entry> sorted = new TreeMap<>();
        infoOf.forEach((name, info) -> sorted.put(name, new SafetensorsStreamWriter.Entry(name, info.dtype(), info.shape())));
        this.entries = Collections.unmodifiableMap(sorted);
    }

    /** The weights of a checkpoint directory, single-file or sharded (as {@link Checkpoints#readWeights} accepts). */
    static SafetensorsTensors openCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(dir, "is not a directory; give a model directory (config.json + model.safetensors)");
        }
        Path single = dir.resolve(Checkpoints.WEIGHTS_FILE);
        Path index = dir.resolve(ShardedCheckpoint.INDEX_FILE);
        boolean hasSingle = Files.isRegularFile(single);
        boolean hasIndex = Files.isRegularFile(index);
        if (hasSingle && hasIndex) {
            throw new CheckpointException(dir, "holds both " + Checkpoints.WEIGHTS_FILE + " and "
                    + ShardedCheckpoint.INDEX_FILE + ", so it is unclear which weights are current; delete the stale one");
        }
        if (hasSingle) {
            return openFile(single, dir);
        }
        if (!hasIndex) {
            throw new CheckpointException(dir, "holds no " + Checkpoints.WEIGHTS_FILE + " and no "
                    + ShardedCheckpoint.INDEX_FILE + "; point at a model directory saved by dno or transformers");
        }
        ShardIndex shardIndex = ShardedCheckpoint.readIndex(index);
        List<SafetensorsFile> opened = new ArrayList<>();
        Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
        Map<String, TensorInfo> infoOf = new LinkedHashMap<>();
        try {
            for (String shard : shardIndex.shards()) {
                SafetensorsFile file = SafetensorsFile.open(dir.resolve(shard).normalize());
                opened.add(file);
                shardIndex.weightMap().forEach((name, mapped) -> {
                    if (mapped.equals(shard)) {
                        TensorInfo info = file.header().tensor(name).orElseThrow(() -> new CheckpointException(index,
                                "tensor '" + name + "' is mapped to " + shard + ", which does not contain it; re-save"));
                        fileOf.put(name, file);
                        infoOf.put(name, checkFloat(file.file(), info));
                    }
                });
            }
        } catch (RuntimeException e) {
            opened.forEach(SafetensorsFile::close);
            throw e;
        }
        return new SafetensorsTensors(dir, opened, fileOf, infoOf);
    }

    /** The tensors of one safetensors file; errors name {@code origin}'s file. */
    static SafetensorsTensors openFile(Path file, Path origin) {
        SafetensorsFile st = SafetensorsFile.open(file);
        try {
            Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
            Map<String, TensorInfo> infoOf = new LinkedHashMap<>();
            for (TensorInfo info : st.header().tensors()) {
                fileOf.put(info.name(), st);
                infoOf.put(info.name(), checkFloat(file, info));
            }
            return new SafetensorsTensors(origin, List.of(st), fileOf, infoOf);
        } catch (RuntimeException e) {
            st.close();
            throw e;
        }
    }

    private static TensorInfo checkFloat(Path file, TensorInfo info) {
        SafetensorsDtype d = info.dtype();
        if (d != SafetensorsDtype.F32 && d != SafetensorsDtype.F16 && d != SafetensorsDtype.BF16) {
            throw new CheckpointException(file, "tensor '" + info.name() + "' has dtype " + d
                    + "; merging averages floating-point weights only (F32, F16, BF16)");
        }
        return info;
    }

    @Override
    public Path origin() {
        return origin;
    }

    @Override
    public Map<String, SafetensorsStreamWriter.Entry> entries() {
        return entries;
    }

    @Override
    public float[] read(String name) {
        SafetensorsFile file = fileOf.get(name);
        if (file == null) {
            throw new CheckpointException(origin, "has no tensor '" + name + "'");
        }
        try (NDManager manager = NDManager.newBaseManager();
             NDArray array = file.read(infoOf.get(name), manager, HalfPrecision.TO_FLOAT32)) {
            return array.toFloatArray();
        }
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
