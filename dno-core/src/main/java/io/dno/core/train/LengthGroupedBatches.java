package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The order of examples in one epoch: shuffled, then grouped by length so a batch pads little
 * (HF's {@code group_by_length}). Examples are shuffled, cut into windows of {@link #WINDOW_BATCHES}
 * batches, sorted by length inside each window and split into batches; the batches are shuffled again.
 * A pure function of (lengths, batch size, seed, epoch): a resumed run replays the same plan.
 */
public final class LengthGroupedBatches {
    /** Batches per sorting window: large enough to group lengths, small enough to keep batches random. */
    public static final int WINDOW_BATCHES = 50;

    private LengthGroupedBatches() {}

    /** Batches of example indices; every index appears exactly once; the last batch may be smaller. */
    public static List<int[]> plan(int[] lengths, int batchSize, long seed, int epoch) {
        checkArgument(batchSize >= 1, "batch size must be >= 1, got %s", batchSize);
        Random random = new Random(seed * 1_000_003L + epoch);
        List<Integer> order = new ArrayList<>(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int window = batchSize * WINDOW_BATCHES;
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.size(); start += window) {
            List<Integer> chunk = new ArrayList<>(order.subList(start, Math.min(order.size(), start + window)));
            chunk.sort(Comparator.comparingInt(i -> lengths[i]));
            for (int b = 0; b < chunk.size(); b += batchSize) {
                batches.add(chunk.subList(b, Math.min(chunk.size(), b + batchSize)).stream()
                        .mapToInt(Integer::intValue).toArray());
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /**
     * Batches of example indices in a plain random order (no grouping by length): every index exactly once, the last
     * batch may be smaller. A pure function of (count, batch size, seed, epoch).
     */
    public static List<int[]> shuffled(int examples, int batchSize, long seed, int epoch) {
        checkArgument(batchSize >= 1, "batch size must be >= 1, got %s", batchSize);
        Random random = new Random(seed * 1_000_003L + epoch);
        List<Integer> order = new ArrayList<>(examples);
        for (int i = 0; i < examples; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        List<int[]> batches = new ArrayList<>();
        for (int b = 0; b < examples; b += batchSize) {
            batches.add(order.subList(b, Math.min(examples, b + batchSize)).stream().mapToInt(Integer::intValue)
                    .toArray());
        }
        return batches;
    }

    /** Number of batches {@link #plan} makes for {@code examples} examples. */
    public static int count(int examples, int batchSize) {
        int window = batchSize * WINDOW_BATCHES;
        int full = examples / window;
        int rest = examples % window;
        return full * WINDOW_BATCHES + (rest + batchSize - 1) / batchSize;
    }

    static int[] lengths(List<TokenizedPair> pairs) {
        return pairs.stream().mapToInt(TokenizedPair::length).toArray();
    }

}
