package io.dno.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reading and writing single <a href="https://github.com/huggingface/safetensors#format">safetensors</a>
 * files: {@code u64 N} (little-endian), {@code N} bytes of JSON header
 * {@code {"__metadata__": {...}, name: {"dtype", "shape", "data_offsets": [begin, end]}, ...}}, then the
 * little-endian tensor bytes. Arrays returned by the readers own their memory and may be trained in place.
 *
 * <p>BFLOAT16 never reaches DJL: BF16 is converted from and to float32 in Java
 * ({@link BFloat16}, round to nearest even).
 */
public final class Safetensors {
    private Safetensors() {}

    /**
     * Atomically writes {@code tensors} to {@code file}, names sorted. Floating-point arrays (F16, F32, F64)
     * are stored as {@code type}; INT64, INT32, INT8, UINT8 and BOOLEAN arrays are stored unchanged.
     *
     * @param metadata free-form {@code __metadata__} strings; {@code "format": "pt"} is added unless given
     * @throws IllegalArgumentException for an empty or reserved name, or an array type safetensors cannot store
     * @throws CheckpointException      when the file cannot be written
     */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata, StorageType type) {
        SafetensorsWriter.write(file, tensors, metadata, type);
    }

    /** Bytes that {@code array} occupies in a file written with {@code type} (for planning shards). */
    public static long storedBytes(NDArray array, StorageType type) {
        return SafetensorsWriter.storedBytes(String.valueOf(array.getName()), array, type);
    }

    /** Reads every tensor of {@code file} in header order, F16 and BF16 widened to float32. */
    public static Map<String, NDArray> read(Path file, NDManager manager) {
        return read(file, manager, HalfPrecision.TO_FLOAT32);
    }

    /** Reads every tensor of {@code file} in header order. */
    public static Map<String, NDArray> read(Path file, NDManager manager, HalfPrecision half) {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            return st.readAll(manager, half);
        }
    }

    /** Reads and validates only the header of {@code file}, to plan streaming tensor by tensor. */
    public static SafetensorsHeader readHeader(Path file) {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            return st.header();
        }
    }

    /**
     * Reads one tensor described by {@code info} (from {@link #readHeader}); F16 and BF16 widened to float32.
     * To read many tensors, {@link SafetensorsFile#open} the file once instead.
     */
    public static NDArray readTensor(Path file, TensorInfo info, NDManager manager) {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            return st.read(info, manager, HalfPrecision.TO_FLOAT32);
        }
    }
}
