package io.dno.core.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.Jsonl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a JSONL data set line by line into records, collecting skipped lines by reason. */
final class DatasetLines {

    /** Turns one line into a record, or returns a skip reason via {@link Skip}. */
    @FunctionalInterface
    interface LineReader<T> {
        T read(JsonFields line);
    }

    /** Thrown by a {@link LineReader} for a well-formed record that cannot be used. */
    static final class Skip extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Skip(String reason) {
            super(reason, null, false, false);
        }
    }

    private DatasetLines() {}

    static <T> DatasetRead<T> read(Path file, LineReader<T> reader) {
        List<T> records = new ArrayList<>();
        Map<String, Long> skipped = new TreeMap<>();
        Jsonl.forEach(file, JsonNode.class, (line, node) -> {
            JsonFields fields = new JsonFields(file, line, node);
            if (!node.isObject()) {
                throw fields.error("each line must be a JSON object");
            }
            try {
                records.add(reader.read(fields));
            } catch (Skip s) {
                skipped.merge(s.getMessage(), 1L, Long::sum);
            }
        });
        return new DatasetRead<>(records, skipped);
    }

    static String id(String dataset, JsonFields line) {
        return dataset + ":" + line.line();
    }
}
