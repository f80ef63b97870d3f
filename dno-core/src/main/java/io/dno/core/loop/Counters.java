package io.dno.core.loop;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dno.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The annotator's counters over one stage: the difference of its cumulative counters after and before. */
public final class Counters {
    private Counters() {}

    public static Map<String, Double> difference(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> out = new TreeMap<>();
        after.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0.0)));
        return out;
    }

    public static Map<String, Double> read(Path file) {
        try {
            return Json.mapper().readValue(file.toFile(), new TypeReference<Map<String, Double>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not a valid counters file: " + e.getMessage(), e);
        }
    }
}
