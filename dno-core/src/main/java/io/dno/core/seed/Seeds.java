package io.dno.core.seed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reproducible seeds and shuffles. {@link #mix} combines a seed with up to two keys by multiplying each with a
 * distinct odd 64-bit constant (golden ratio, SplitMix64's multipliers) and adding: cheap, order-sensitive and
 * stable across Java versions. {@link #ofText} hashes a text (a prompt id) to 64 bits with FNV-1a over its
 * UTF-8 bytes, so a prompt's draws depend on its id, not on where it sits in a batch.
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long FIRST = 0xBF58476D1CE4E5B9L;
    private static final long SECOND = 0x94D049BB133111EBL;
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private Seeds() {}

    /** {@code seed} combined with one key (an iteration, a sample index, a hashed id). */
    public static long mix(long seed, long key) {
        return seed * GOLDEN + key * FIRST;
    }

    /** {@code seed} combined with two keys, e.g. (iteration, source iteration). */
    public static long mix(long seed, long key, long other) {
        return seed * GOLDEN + key * FIRST + other * SECOND;
    }

    /** A 64-bit hash of {@code text} (FNV-1a over UTF-8), the same on every JVM. */
    public static long ofText(String text) {
        long h = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** A random stream for {@code seed} mixed with {@code key}. */
    public static SplittableRandom stream(long seed, long key) {
        return new SplittableRandom(mix(seed, key));
    }

    /** A copy of {@code items} in a uniformly random order (Fisher-Yates from the end) drawn from {@code random}. */
    public static <T> List<T> shuffled(List<T> items, SplittableRandom random) {
        List<T> copy = new ArrayList<>(items);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, tmp);
        }
        return copy;
    }

    /** As {@link #shuffled(List, SplittableRandom)} with a fresh stream of {@code seed}. */
    public static <T> List<T> shuffled(List<T> items, long seed) {
        return shuffled(items, new SplittableRandom(seed));
    }
}
