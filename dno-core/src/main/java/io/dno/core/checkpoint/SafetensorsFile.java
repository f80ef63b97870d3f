package io.dno.core.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An open safetensors file whose header has been validated, for reading tensors one at a time without
 * holding the whole file in memory: each tensor's bytes are memory-mapped ({@link FileChannel#map}) and
 * copied once into memory the returned array owns. Returned arrays are therefore writable and safe to
 * train in place; they belong to the caller's manager and outlive this object.
 *
 * <p>Not thread-safe for concurrent {@link #close()}; concurrent reads are fine.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Largest tensor that fits one Java buffer. */
    static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;

    private final Path file;
    private final FileChannel channel;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path file, FileChannel channel, SafetensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
    }

    /** Opens {@code file} and validates its header; throws {@link CheckpointException} if it is malformed. */
    public static SafetensorsFile open(Path file) {
        checkNotNull(file, "file");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            SafetensorsHeader header = HeaderParser.read(file, channel);
            return new SafetensorsFile(file, channel, header);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "no such file; check the checkpoint path", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public SafetensorsHeader header() {
        return header;
    }

    /** Reads the tensor called {@code name}, widening F16 and BF16 to float32. */
    public NDArray read(String name, NDManager manager) {
        TensorInfo info = header.tensor(name).orElseThrow(() -> new CheckpointException(file,
                "has no tensor '" + name + "'; it has " + header.tensors().size() + " others"));
        return read(info, manager, HalfPrecision.TO_FLOAT32);
    }

    /**
     * Reads one tensor of this file into a new array of {@code manager}, named after the tensor.
     *
     * @param info a tensor of {@link #header()}
     * @param half whether F16 stays float16 (BF16 always becomes float32)
     */
    public NDArray read(TensorInfo info, NDManager manager, HalfPrecision half) {
        checkNotNull(manager, "manager");
        checkNotNull(half, "half");
        checkArgument(header.tensors().contains(info), "tensor %s is not an entry of %s", info, file);
        DataType type = info.dtype().readType().orElseThrow(() -> new CheckpointException(file, "tensor '" + info.name()
                + "' has dtype " + info.dtype() + ", which DJL cannot hold; convert the checkpoint to F32, F16 or BF16"));
        if (info.dtype() == SafetensorsDtype.F16 && half == HalfPrecision.KEEP_FLOAT16) {
            type = DataType.FLOAT16;
        }
        if (info.byteLength() > MAX_TENSOR_BYTES || info.elementCount() * type.getNumOfBytes() > MAX_TENSOR_BYTES) {
            throw new CheckpointException(file, "tensor '" + info.name() + "' has " + info.byteLength()
                    + " bytes; tensors over 2 GiB are not supported, re-shard or split the tensor");
        }
        Shape shape = info.djlShape();
        NDArray array;
        if (info.elementCount() == 0) {
            array = manager.zeros(shape, type);
        } else {
            MappedByteBuffer bytes = map(info);
            array = switch (info.dtype()) {
                case BF16 -> widenBf16(bytes, shape, manager);
                case F16 -> half == HalfPrecision.KEEP_FLOAT16 ? copy(bytes, shape, DataType.FLOAT16, manager)
                        : widenF16(bytes, shape, manager);
                case BOOL -> copy(checkBooleans(info, bytes), shape, type, manager);
                default -> copy(bytes, shape, type, manager);
            };
        }
        array.setName(info.name());
        return array;
    }

    /** Reads every tensor, in header order; on failure the arrays read so far are closed. */
    public Map<String, NDArray> readAll(NDManager manager, HalfPrecision half) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try {
            for (TensorInfo info : header.tensors()) {
                out.put(info.name(), read(info, manager, half));
            }
            return out;
        } catch (RuntimeException e) {
            out.values().forEach(NDArray::close);
            throw e;
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private MappedByteBuffer map(TensorInfo info) {
        try {
            MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, header.dataStart() + info.begin(),
                    info.byteLength());
            bytes.order(ByteOrder.LITTLE_ENDIAN);
            return bytes;
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot map tensor '" + info.name() + "': " + e.getMessage(), e);
        }
    }

    private static NDArray copy(ByteBuffer bytes, Shape shape, DataType type, NDManager manager) {
        ByteBuffer owned = manager.allocateDirect(bytes.remaining());
        owned.put(bytes.duplicate());
        owned.flip();
        return manager.create(owned, shape, type);
    }

    private static NDArray widenBf16(ByteBuffer bytes, Shape shape, NDManager manager) {
        ShortBuffer in = bytes.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        int n = in.remaining();
        ByteBuffer owned = manager.allocateDirect(n * 4);
        FloatBuffer out = owned.order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < n; i++) {
            out.put(i, BFloat16.toFloat(in.get(i)));
        }
        return manager.create(owned, shape, DataType.FLOAT32);
    }

    private static NDArray widenF16(ByteBuffer bytes, Shape shape, NDManager manager) {
        try (NDArray half = copy(bytes, shape, DataType.FLOAT16, manager)) {
            return half.toType(DataType.FLOAT32, true);
        }
    }

    private ByteBuffer checkBooleans(TensorInfo info, ByteBuffer bytes) {
        for (int i = 0; i < bytes.limit(); i++) {
            byte b = bytes.get(i);
            if (b != 0 && b != 1) {
                throw new CheckpointException(file, "tensor '" + info.name() + "' of dtype BOOL has byte " + (b & 0xFF)
                        + " at element " + i + "; booleans must be 0 or 1, the file is corrupt");
            }
        }
        return bytes;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a read-only channel loses nothing
        }
    }

    /** Names of all tensors, in header order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        header.tensors().forEach(t -> names.add(t.name()));
        return names;
    }
}
