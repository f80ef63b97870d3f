package io.dno.core.checkpoint;

/**
 * How floating-point tensors are stored in a written safetensors file. Integer and boolean tensors are
 * always stored in their own type.
 */
public enum StorageType {
    /** IEEE 754 single precision, 4 bytes, lossless for float32 weights. */
    F32(SafetensorsDtype.F32),
    /** IEEE 754 half precision, 2 bytes: 11-bit significand, range up to 65504. */
    F16(SafetensorsDtype.F16),
    /**
     * bfloat16, 2 bytes: the upper half of a float32 (8-bit significand, float32 range), rounded to nearest
     * even. The usual format of published LLM weights.
     */
    BF16(SafetensorsDtype.BF16);

    private final SafetensorsDtype dtype;

    StorageType(SafetensorsDtype dtype) {
        this.dtype = dtype;
    }

    /** The dtype written in the header for floating-point tensors. */
    public SafetensorsDtype dtype() {
        return dtype;
    }
}
