package io.dno.core.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.dno.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes safetensors files the way the Python {@code safetensors} library does: tensors sorted by name and
 * laid out back to back in that order, a {@code __metadata__} map (with {@code "format": "pt"} unless given,
 * which {@code transformers} requires), and the header padded with spaces so the data section starts at a
 * multiple of 8 bytes.
 */
final class SafetensorsWriter {
    private static final int CHUNK = 1 << 20;

    private SafetensorsWriter() {}

    static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata, StorageType type) {
        checkArgument(tensors != null, "tensors must not be null");
        checkArgument(metadata != null, "metadata must not be null (use Map.of())");
        checkArgument(type != null, "storage type must not be null");
        Map<String, NDArray> sorted = new TreeMap<>(tensors);
        sorted.forEach((name, array) -> {
            checkArgument(name != null && !name.isEmpty() && !name.equals("__metadata__"),
                    "tensor name must be non-empty and not __metadata__, got '%s'", name);
            checkArgument(array != null, "tensor '%s' is null", name);
            storedDtype(name, array, type);
        });
        byte[] header = SafetensorsHeaderBytes.of(sorted.entrySet().stream().map(e -> new SafetensorsHeaderBytes.Slot(
                e.getKey(), storedDtype(e.getKey(), e.getValue(), type), e.getValue().getShape().getShape())).toList(),
                metadata);
        try {
            AtomicFiles.write(file, out -> {
                out.write(header);
                for (Map.Entry<String, NDArray> e : sorted.entrySet()) {
                    writeData(out, e.getValue(), type);
                }
            });
        } catch (UncheckedIOException e) {
            throw new CheckpointException(file, "cannot write: " + e.getCause().getMessage(), e);
        }
    }

    /** The dtype {@code array} is stored as: floating types in {@code type}, the others unchanged. */
    static SafetensorsDtype storedDtype(String name, NDArray array, StorageType type) {
        DataType dataType = array.getDataType();
        if (dataType.isFloating()) {
            return type.dtype();
        }
        return SafetensorsDtype.of(dataType).orElseThrow(() -> new IllegalArgumentException("tensor '" + name
                + "' has type " + dataType + ", which safetensors cannot store from DJL; cast it to float32 first"));
    }

    /** Bytes {@code array} takes in the data section when stored with {@code type}. */
    static long storedBytes(String name, NDArray array, StorageType type) {
        return Math.multiplyExact(array.size(), storedDtype(name, array, type).size());
    }

    private static void writeData(OutputStream out, NDArray array, StorageType type) throws IOException {
        if (array.size() == 0) {
            return;
        }
        DataType source = array.getDataType();
        if (!source.isFloating()) {
            writeBuffer(out, array.toByteBuffer());
            return;
        }
        DataType target = type == StorageType.F16 ? DataType.FLOAT16 : DataType.FLOAT32;
        NDArray converted = source == target ? array : array.toType(target, true);
        try {
            ByteBuffer bytes = converted.toByteBuffer().order(ByteOrder.nativeOrder());
            if (type == StorageType.BF16) {
                bytes = narrowToBf16(bytes.asFloatBuffer());
            }
            writeBuffer(out, bytes);
        } finally {
            if (converted != array) {
                converted.close();
            }
        }
    }

    private static ByteBuffer narrowToBf16(FloatBuffer floats) {
        int n = floats.remaining();
        ByteBuffer out = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            out.putShort(i * 2, BFloat16.fromFloat(floats.get(i)));
        }
        return out;
    }

    /** Writes little-endian bytes; DJL's buffers are in native order, which is little-endian on x86 and ARM. */
    private static void writeBuffer(OutputStream out, ByteBuffer buffer) throws IOException {
        checkArgument(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "safetensors needs a little-endian platform");
        if (buffer.hasArray()) {
            out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            return;
        }
        byte[] chunk = new byte[Math.min(CHUNK, buffer.remaining())];
        ByteBuffer view = buffer.duplicate();
        while (view.hasRemaining()) {
            int n = Math.min(chunk.length, view.remaining());
            view.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }
}
