package io.dno.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts of calls from DJL into PyTorch's native library ({@code libdjl_torch}, the methods of
 * {@code ai.djl.pytorch.jni.PyTorchLibrary}), per method, filled by the call sites {@link NativeCallCounter} rewrites.
 * Inactive (every count 0) unless the JVM was started with {@code -javaagent:dno-cli/target/dno.jar}.
 */
public final class NativeCalls {
    private static final int CAPACITY = 1024;
    private static final AtomicLongArray COUNTS = new AtomicLongArray(CAPACITY);
    private static final List<String> NAMES = new ArrayList<>();
    private static volatile boolean active;

    private NativeCalls() {}

    /** Called by rewritten code before each native call of method {@code id}. */
    public static void hit(int id) {
        COUNTS.incrementAndGet(id);
    }

    /** Whether the counting agent is installed. */
    public static boolean active() {
        return active;
    }

    static void activate() {
        active = true;
    }

    /** The id of a native method, assigned when a call site of it is first rewritten. */
    static synchronized int id(String method) {
        int id = NAMES.indexOf(method);
        if (id >= 0) {
            return id;
        }
        if (NAMES.size() == CAPACITY) {
            return CAPACITY - 1;                                          // lumped together; never reached by DJL 0.35
        }
        NAMES.add(method);
        return NAMES.size() - 1;
    }

    /** Native calls so far, all methods together. */
    public static long total() {
        long sum = 0;
        for (int i = 0; i < CAPACITY; i++) {
            sum += COUNTS.get(i);
        }
        return sum;
    }

    /** Native calls so far per method name, in order of first rewrite. */
    public static synchronized Map<String, Long> byMethod() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            out.put(NAMES.get(i), COUNTS.get(i));
        }
        return out;
    }

    /** The difference of two {@link #byMethod} snapshots, methods with no calls left out, most called first. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
