package io.dno.core.loop;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code timings.json}: seconds per stage of one step directory, kept across resumes. */
public final class Timings {
    private Timings() {}

    public static Map<String, Double> read(Path file) {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            return new LinkedHashMap<>(Json.mapper().readValue(file.toFile(), new TypeReference<Map<String, Double>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not a valid timings file: " + e.getMessage(), e);
        }
    }

    public static void write(Path file, Map<String, Double> timings) {
        Json.write(file, timings);
    }
}
