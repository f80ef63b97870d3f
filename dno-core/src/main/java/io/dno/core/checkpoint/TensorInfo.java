package io.dno.core.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import ai.djl.ndarray.types.Shape;
import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * One tensor entry of a safetensors header: {@code "name": {"dtype": ..., "shape": [...], "data_offsets":
 * [begin, end]}}, with offsets relative to the start of the data section (after the header).
 *
 * @param name  the tensor name, non-empty
 * @param dtype the stored element type
 * @param shape the dimensions, each >= 0 (empty for a scalar)
 * @param begin offset of the first byte in the data section
 * @param end   offset one past the last byte; {@code end - begin} equals elements times the dtype size
 */
public record TensorInfo(String name, SafetensorsDtype dtype, List<Long> shape, long begin, long end) {

    public TensorInfo {
        checkArgument(name != null && !name.isEmpty(), "tensor name must be non-empty");
        checkNotNull(dtype, "dtype of tensor %s", name);
        shape = ImmutableList.copyOf(shape);
        checkArgument(shape.stream().allMatch(d -> d >= 0), "shape of tensor %s has a negative dimension: %s", name, shape);
        checkArgument(0 <= begin && begin <= end, "data_offsets of tensor %s must satisfy 0 <= begin <= end, got [%s, %s]",
                name, begin, end);
    }

    /** Number of elements (1 for a scalar); the header validation guarantees that it does not overflow. */
    public long elementCount() {
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
        }
        return count;
    }

    /** Number of bytes in the data section, {@code end - begin}. */
    public long byteLength() {
        return end - begin;
    }

    /** The shape as a DJL {@link Shape}. */
    public Shape djlShape() {
        return new Shape(shape.stream().mapToLong(Long::longValue).toArray());
    }
}
