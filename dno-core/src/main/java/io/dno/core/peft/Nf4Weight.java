package io.dno.core.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One frozen weight held in NF4 on the tensor side: packed code bytes (uint8, two weights per byte) and the
 * block scales, plain float32 or double-quantised (int8 codes, a float32 step per 256 scales, one offset).
 * {@link #dequantize} rebuilds the float32 weight in a step's manager for one forward pass, with one gather
 * through a 256-entry byte table and one multiply; nothing but the packed form stays resident.
 */
final class Nf4Weight {
    private final Shape shape;
    private final int length;
    private final int blocks;
    private final NDArray packed;           // (blocks·32) uint8
    private final NDArray absmax;           // (blocks, 1) float32, or null when double-quantised
    private final NDArray scaleCodes;       // (blocks) int8; null when plain
    private final NDArray groupSteps;       // (groups, 1) float32; null when plain
    private final float offset;

    private Nf4Weight(Shape shape, int length, int blocks, NDArray packed, NDArray absmax, NDArray scaleCodes,
                      NDArray groupSteps, float offset) {
        this.shape = shape;
        this.length = length;
        this.blocks = blocks;
        this.packed = packed;
        this.absmax = absmax;
        this.scaleCodes = scaleCodes;
        this.groupSteps = groupSteps;
        this.offset = offset;
    }

    /** Uploads {@code q} (and, if given, its double-quantised scales) into {@code manager}. */
    static Nf4Weight create(NDManager manager, Shape shape, Nf4.Quantized q, Optional<DoubleQuantizedScales> dq) {
        int blocks = q.absmax().length;
        NDArray packed = manager.create(direct(q.packed()), new Shape(q.packed().length), DataType.UINT8);
        if (dq.isEmpty()) {
            NDArray absmax = manager.create(q.absmax(), new Shape(blocks, 1));
            return new Nf4Weight(shape, q.length(), blocks, packed, absmax, null, null, 0f);
        }
        DoubleQuantizedScales s = dq.get();
        int groups = s.groupScales().length;
        NDArray scaleCodes = manager.create(direct(s.codes()), new Shape(blocks), DataType.INT8);
        NDArray steps = manager.create(s.groupScales(), new Shape(groups, 1));
        return new Nf4Weight(shape, q.length(), blocks, packed, null, scaleCodes, steps, s.offset());
    }

    Shape shape() {
        return shape;
    }

    /** Bytes resident for this weight: packed codes plus scales. */
    long bytes() {
        long b = packed.size();
        if (absmax != null) {
            return b + 4 * absmax.size();
        }
        return b + scaleCodes.size() + 4 * groupSteps.size() + 4;
    }

    /**
     * The float32 weight, built in {@code m}.
     *
     * @param byteTable (256, 2) float32: each byte's two code values, high nibble first
     * @return (out, in) float32
     */
    NDArray dequantize(NDManager m, NDArray byteTable) {
        NDArray ids = packed.toType(DataType.INT64, false);                                    // (blocks·32)
        ids.attach(m);
        NDArray values = Embedding.embedding(ids, byteTable, SparseFormat.DENSE).singletonOrThrow()
                .reshape(blocks, Nf4.BLOCK_SIZE);                                              // (blocks, 64)
        NDArray scaled = values.mul(scales(m));                                                // (blocks, 64)
        NDArray flat = scaled.reshape(-1);                                                     // (blocks·64)
        if (flat.size() != length) {
            flat = flat.get("0:{}", length);                                                   // (n)
        }
        return flat.reshape(shape);                                                            // (out, in)
    }

    /** (blocks, 1) float32 block scales in {@code m}. */
    private NDArray scales(NDManager m) {
        if (absmax != null) {
            return absmax;
        }
        NDArray codes = scaleCodes.toType(DataType.FLOAT32, false);                            // (blocks)
        codes.attach(m);
        long padded = groupSteps.size() * DoubleQuantizedScales.GROUP_SIZE;
        if (padded > blocks) {
            codes = codes.concat(m.zeros(new Shape(padded - blocks)));                          // (groups·256)
        }
        NDArray s = codes.reshape(-1, DoubleQuantizedScales.GROUP_SIZE).mul(groupSteps).add(offset); // (groups, 256)
        return s.reshape(-1).get("0:{}", blocks).reshape(blocks, 1);                           // (blocks, 1)
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
        b.put(bytes).flip();
        return b;
    }
}
