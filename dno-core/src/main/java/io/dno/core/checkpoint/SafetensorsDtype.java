package io.dno.core.checkpoint;

import ai.djl.ndarray.types.DataType;
import java.util.Optional;

/**
 * The dtype names of the <a href="https://github.com/huggingface/safetensors#format">safetensors format</a>
 * with their element sizes. Every name is recognised when a header is validated; only those with a
 * {@link #readType() read type} can be loaded into DJL arrays.
 */
public enum SafetensorsDtype {
    BOOL(1, DataType.BOOLEAN),
    U8(1, DataType.UINT8),
    I8(1, DataType.INT8),
    F8_E5M2(1, null),
    F8_E4M3(1, null),
    I16(2, null),
    U16(2, null),
    F16(2, DataType.FLOAT32),
    BF16(2, DataType.FLOAT32),
    I32(4, DataType.INT32),
    U32(4, null),
    F32(4, DataType.FLOAT32),
    F64(8, DataType.FLOAT64),
    I64(8, DataType.INT64),
    U64(8, null);

    private final int size;
    private final DataType readType;

    SafetensorsDtype(int size, DataType readType) {
        this.size = size;
        this.readType = readType;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /**
     * The DJL type a tensor of this dtype is loaded as: F16 and BF16 become float32 (BF16 must never reach
     * DJL, whose native layer aborts on it). Empty when DJL has no safe equivalent (the unsigned wider
     * types, I16 and the float8 types).
     */
    public Optional<DataType> readType() {
        return Optional.ofNullable(readType);
    }

    /** The dtype named {@code name} in a header, if it is one of the format's names. */
    public static Optional<SafetensorsDtype> parse(String name) {
        for (SafetensorsDtype dtype : values()) {
            if (dtype.name().equals(name)) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }

    /** The dtype that stores a DJL array of type {@code type} unchanged, if there is one. */
    static Optional<SafetensorsDtype> of(DataType type) {
        switch (type) {
            case BOOLEAN: return Optional.of(BOOL);
            case UINT8: return Optional.of(U8);
            case INT8: return Optional.of(I8);
            case FLOAT16: return Optional.of(F16);
            case INT32: return Optional.of(I32);
            case FLOAT32: return Optional.of(F32);
            case FLOAT64: return Optional.of(F64);
            case INT64: return Optional.of(I64);
            default: return Optional.empty();
        }
    }
}
