package io.dno.core.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.common.collect.ImmutableList;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a safetensors file one float tensor at a time, so a file larger than memory can be produced: the
 * header is planned from the entries' names, dtypes and shapes, then each tensor's values are appended in
 * header order (names sorted, as {@link Safetensors#write} lays them out). Float32 values are stored as the
 * entry's dtype (F32, F16 or BF16; BF16 rounded to nearest even in Java).
 *
 * <p>The file is written in place, not atomically: write it into a directory that is renamed into place
 * once complete. {@link #close()} fails if a tensor was never written.
 */
public final class SafetensorsStreamWriter implements AutoCloseable {

    /** One tensor of the file to write. */
    public record Entry(String name, SafetensorsDtype dtype, List<Long> shape) {
        public Entry {
            checkArgument(name != null && !name.isEmpty() && !name.equals("__metadata__"),
                    "tensor name must be non-empty and not __metadata__, got '%s'", name);
            checkArgument(dtype == SafetensorsDtype.F32 || dtype == SafetensorsDtype.F16 || dtype == SafetensorsDtype.BF16,
                    "tensor '%s': streamed tensors are F32, F16 or BF16, not %s", name, dtype);
            shape = ImmutableList.copyOf(shape);
        }

        long elementCount() {
            long count = 1;
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            return count;
        }
    }

    private final Path file;
    private final List<Entry> entries;
    private final FileChannel channel;
    private final OutputStream out;
    private int next;

    private SafetensorsStreamWriter(Path file, List<Entry> entries, FileChannel channel) {
        this.file = file;
        this.entries = entries;
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
    }

    /** Creates {@code file} (replacing it) and writes its header; tensors must then be written in name order. */
    public static SafetensorsStreamWriter create(Path file, List<Entry> entries, Map<String, String> metadata) {
        checkArgument(!entries.isEmpty(), "a safetensors file needs at least one tensor");
        List<Entry> sorted = entries.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        for (int i = 1; i < sorted.size(); i++) {
            checkArgument(!sorted.get(i).name().equals(sorted.get(i - 1).name()), "tensor '%s' is listed twice",
                    sorted.get(i).name());
        }
        byte[] header = SafetensorsHeaderBytes.of(sorted.stream().map(e -> new SafetensorsHeaderBytes.Slot(e.name(),
                e.dtype(), e.shape().stream().mapToLong(Long::longValue).toArray())).toList(), metadata);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            SafetensorsStreamWriter writer = new SafetensorsStreamWriter(file, sorted, channel);
            writer.out.write(header);
            return writer;
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot write: " + e.getMessage(), e);
        }
    }

    /** The entries in the order {@link #write} expects them. */
    public List<Entry> order() {
        return entries;
    }

    /** Appends the values of tensor {@code name}, which must be the next entry of {@link #order()}. */
    public void write(String name, float[] values) {
        checkState(next < entries.size(), "%s: all %s tensors are already written", file, entries.size());
        Entry entry = entries.get(next);
        checkArgument(entry.name().equals(name), "%s: expected tensor '%s' next, got '%s'", file, entry.name(), name);
        checkArgument(values.length == entry.elementCount(), "%s: tensor '%s' has %s elements, its shape %s needs %s",
                file, name, values.length, entry.shape(), entry.elementCount());
        try {
            for (int start = 0; start < values.length; start += CHUNK) {
                out.write(encode(entry.dtype(), values, start, Math.min(values.length, start + CHUNK)));
            }
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot write tensor '" + name + "': " + e.getMessage(), e);
        }
        next++;
    }

    /** Flushes and forces the file to disk; fails when tensors are missing. */
    @Override
    public void close() {
        try (channel) {
            out.flush();
            channel.force(true);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot write: " + e.getMessage(), e);
        }
        checkState(next == entries.size(), "%s: only %s of %s tensors were written; the file is incomplete", file, next,
                entries.size());
    }

    /** Elements encoded at a time, so writing needs a few MiB beyond the values themselves. */
    private static final int CHUNK = 1 << 20;

    private static byte[] encode(SafetensorsDtype dtype, float[] all, int from, int to) {
        float[] values = from == 0 && to == all.length ? all : Arrays.copyOfRange(all, from, to);
        checkArgument(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "safetensors needs a little-endian platform");
        switch (dtype) {
            case F32: {
                ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(values);
                return bytes.array();
            }
            case BF16: {
                ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < values.length; i++) {
                    bytes.putShort(i * 2, BFloat16.fromFloat(values[i]));
                }
                return bytes.array();
            }
            default: {
                // F16 rounding is PyTorch's own (DJL handles FLOAT16; only BF16 must never reach it)
                try (NDManager manager = NDManager.newBaseManager();
                     NDArray full = manager.create(values);
                     NDArray half = full.toType(DataType.FLOAT16, false)) {
                    ByteBuffer buffer = half.toByteBuffer();
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    return bytes;
                }
            }
        }
    }
}
