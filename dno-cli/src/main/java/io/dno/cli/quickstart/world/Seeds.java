package io.dno.cli.quickstart.world;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic random streams keyed by a seed and a string (a prompt id, a response text): the same key
 * gives the same stream in every run, whatever the order in which keys are asked for.
 */
public final class Seeds {
    private Seeds() {}

    /** A 64-bit mix of {@code seed} and the UTF-8 bytes of every key (FNV-1a, then a SplitMix64 finaliser). */
    public static long mix(long seed, String... keys) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (String key : keys) {
            for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            h = (h ^ 0xff) * 0x100000001b3L;                 // separator, so ("ab","c") differs from ("a","bc")
        }
        return finalise(h);
    }

    /** A random stream for {@code (seed, keys)}. */
    public static SplittableRandom random(long seed, String... keys) {
        return new SplittableRandom(mix(seed, keys));
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
