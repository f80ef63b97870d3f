package io.dno.core.merge;

import io.dno.core.checkpoint.BFloat16;
import io.dno.core.checkpoint.CheckpointException;
import io.dno.core.checkpoint.Checkpoints;
import io.dno.core.checkpoint.SafetensorsDtype;
import io.dno.core.checkpoint.SafetensorsFile;
import io.dno.core.checkpoint.SafetensorsStreamWriter;
import io.dno.core.checkpoint.ShardIndex;
import io.dno.core.checkpoint.ShardedCheckpoint;
import io.dno.core.checkpoint.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.IdentityHashMap;
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
    private final Map<SafetensorsFile, FileChannel> channels = new IdentityHashMap<>();
    private static final int CHUNK_BYTES = 4 << 20;

    private SafetensorsTensors(Path origin, List<SafetensorsFile> files, Map<String, SafetensorsFile> fileOf,
                               Map<String, TensorInfo> infoOf) {
        this.origin = origin;
        this.files = files;
        this.fileOf = fileOf;
        this.infoOf = infoOf;
        Map<String, SafetensorsStreamWriter.Entry> sorted = new TreeMap<>();
        infoOf.forEach((name, info) -> sorted.put(name, new SafetensorsStreamWriter.Entry(name, info.dtype(), info.shape())));
        this.entries = Collections.unmodifiableMap(sorted);
        for (SafetensorsFile f : files) {
            try {
                channels.put(f, FileChannel.open(f.file(), StandardOpenOption.READ));
            } catch (IOException e) {
                close();
                throw new CheckpointException(f.file(), "cannot read: " + e.getMessage(), e);
            }
        }
    }

    /** The weights of a checkpoint directory, single-file or sharded (as {@link Checkpoints#readWeights} accepts). */
    static SafetensorsTensors openCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(dir, (Files.exists(dir) ? "is a file, not a directory" : "does not exist")
                    + "; give a model directory (config.json + model.safetensors)");
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

    /**
     * Reads with positional channel reads in 4 MiB chunks, decoding F32/F16/BF16 in Java: no memory map (whose
     * pages would count in the resident set until unmapped) and no native array, so a merge's memory is the
     * Java arrays of the tensor at hand.
     */
    @Override
    public float[] read(String name) {
        SafetensorsFile file = fileOf.get(name);
        if (file == null) {
            throw new CheckpointException(origin, "has no tensor '" + name + "'");
        }
        TensorInfo info = infoOf.get(name);
        long count = info.elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file.file(), "tensor '" + name + "' has " + count
                    + " elements; tensors over 2^31 elements are not supported, re-shard the checkpoint");
        }
        float[] out = new float[(int) count];
        int size = info.dtype().size();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long position = file.header().dataStart() + info.begin();
        int done = 0;
        try {
            FileChannel channel = channels.get(file);
            while (done < out.length) {
                int elements = Math.min(out.length - done, CHUNK_BYTES / size);
                chunk.clear().limit(elements * size);
                while (chunk.hasRemaining()) {
                    int read = channel.read(chunk, position + (long) done * size + chunk.position());
                    if (read < 0) {
                        throw new CheckpointException(file.file(), "ends inside tensor '" + name + "'; the file is truncated");
                    }
                }
                chunk.flip();
                decode(info.dtype(), chunk, out, done, elements);
                done += elements;
            }
        } catch (IOException e) {
            throw new CheckpointException(file.file(), "cannot read tensor '" + name + "': " + e.getMessage(), e);
        }
        return out;
    }

    private static void decode(SafetensorsDtype dtype, ByteBuffer bytes, float[] out, int offset, int count) {
        switch (dtype) {
            case F32 -> bytes.asFloatBuffer().get(out, offset, count);
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    out[offset + i] = BFloat16.toFloat(bytes.getShort(i * 2));
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[offset + i] = halfToFloat(bytes.getShort(i * 2));
                }
            }
            default -> throw new IllegalStateException("checked when opened: " + dtype);
        }
    }

    /** IEEE 754 binary16 to float32, exact (subnormals, infinities and NaN included). */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;                 // zero or subnormal: mantissa · 2^-24
            return sign != 0 ? -magnitude : magnitude;
        }
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
        channels.values().forEach(c -> {
            try {
                c.close();
            } catch (IOException ignored) {
                // read-only channel: nothing is lost
            }
        });
    }
}
