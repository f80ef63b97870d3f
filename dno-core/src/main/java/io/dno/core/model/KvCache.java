package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for the tokens seen so far, preallocated to {@code capacity} slots and
 * written in place (one NDIndex set per layer per step), plus the attention mask of those slots. Slot order
 * is the order tokens were fed, so a left-padded prompt keeps its padding in the first slots, masked.
 * Owns a sub-manager of the manager it was created from; {@link #close()} frees it. Not thread-safe.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;   // per layer (B, KV, capacity, D)
    private final NDArray[] values; // per layer (B, KV, capacity, D)
    private NDArray mask;           // (B, capacity) float32, 1 = real token
    private final int capacity;
    private int batchSize;
    private int length;

    KvCache(TransformerConfig config, NDManager parent, int batchSize, int capacity) {
        checkArgument(batchSize >= 1 && capacity >= 1, "KV cache needs batch >= 1 and capacity >= 1, got %s and %s",
                batchSize, capacity);
        this.manager = parent.newSubManager();
        this.capacity = capacity;
        this.batchSize = batchSize;
        Shape shape = new Shape(batchSize, config.numKeyValueHeads(), capacity, config.headDim());
        keys = new NDArray[config.numHiddenLayers()];
        values = new NDArray[config.numHiddenLayers()];
        for (int l = 0; l < keys.length; l++) {
            keys[l] = manager.zeros(shape, DataType.FLOAT32);
            values[l] = manager.zeros(shape, DataType.FLOAT32);
        }
        mask = manager.zeros(new Shape(batchSize, capacity), DataType.FLOAT32);
    }

    /** Slots filled so far. */
    public int length() {
        return length;
    }

    public int batchSize() {
        return batchSize;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Records the mask of {@code t} new tokens and returns the mask of all filled slots, in {@code m}.
     *
     * @param newMask (B, t) float32
     * @return (B, length + t) float32
     */
    NDArray appendMask(NDManager m, NDArray newMask) {
        int t = (int) newMask.getShape().get(1);
        checkArgument(length + t <= capacity, "KV cache is full: %s slots used, %s more asked, capacity %s",
                length, t, capacity);
        mask.set(new NDIndex(":, {}:{}", length, length + t), newMask);
        return mask.get(m, new NDIndex(":, :{}", length + t));
    }

    /**
     * Stores the new keys and values of {@code layer} after the filled slots and returns all of them in {@code m}.
     *
     * @param k (B, KV, t, D)
     * @param v (B, KV, t, D)
     * @return keys and values (B, KV, length + t, D)
     */
    NDArray[] append(NDManager m, int layer, NDArray k, NDArray v) {
        int t = (int) k.getShape().get(2);
        NDIndex slots = new NDIndex(":, :, {}:{}", length, length + t);
        keys[layer].set(slots, k);
        values[layer].set(slots, v);
        NDIndex filled = new NDIndex(":, :, :{}", length + t);
        return new NDArray[] {keys[layer].get(m, filled), values[layer].get(m, filled)};
    }

    /** The key arrays per layer (B, KV, capacity, D), written in place by {@link FusedDecode}. */
    NDArray[] keys() {
        return keys;
    }

    /** The value arrays per layer (B, KV, capacity, D). */
    NDArray[] values() {
        return values;
    }

    /** The slots' mask (B, capacity) float32. */
    NDArray mask() {
        return mask;
    }

    /** Marks {@code t} more slots filled, after every layer has appended them. */
    void advance(int t) {
        length += t;
    }

    /** Keeps only the given rows (ascending indices into the current batch), e.g. when sequences finish. */
    public void keepRows(int[] rows) {
        checkArgument(rows.length >= 1 && rows.length <= batchSize, "keepRows needs 1..%s rows, got %s", batchSize,
                rows.length);
        long[] idx = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            idx[i] = rows[i];
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDArray index = scratch.create(idx);
            for (int l = 0; l < keys.length; l++) {
                keys[l] = replace(keys[l], keys[l].get(new NDIndex("{}", index)));
                values[l] = replace(values[l], values[l].get(new NDIndex("{}", index)));
            }
            mask = replace(mask, mask.get(new NDIndex("{}", index)));
        }
        batchSize = rows.length;
    }

    private NDArray replace(NDArray old, NDArray kept) {
        kept.attach(manager);
        old.close();
        return kept;
    }

    @Override
    public void close() {
        manager.close();
    }
}
