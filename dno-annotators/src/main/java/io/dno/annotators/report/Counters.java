package io.dno.annotators.report;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Thread-safe cumulative counters with snake_case names, the material of {@code Annotator.counters()}:
 * the loop differences two snapshots to report one annotation stage.
 */
public final class Counters {
    private final ConcurrentHashMap<String, DoubleAdder> values = new ConcurrentHashMap<>();

    /** Adds one to {@code name}. */
    public void increment(String name) {
        add(name, 1);
    }

    /** Adds {@code amount} to {@code name}. */
    public void add(String name, double amount) {
        values.computeIfAbsent(name, k -> new DoubleAdder()).add(amount);
    }

    /** The current value of {@code name}, 0 if it was never touched. */
    public double get(String name) {
        DoubleAdder adder = values.get(name);
        return adder == null ? 0 : adder.sum();
    }

    /** A sorted copy of every counter touched so far. */
    public Map<String, Double> snapshot() {
        Map<String, Double> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** {@code first} and {@code second} merged, values of equal keys added (a decorator over an inner annotator). */
    public static Map<String, Double> merge(Map<String, Double> first, Map<String, Double> second) {
        Map<String, Double> out = new TreeMap<>(first);
        second.forEach((k, v) -> out.merge(k, v, Double::sum));
        return out;
    }
}
