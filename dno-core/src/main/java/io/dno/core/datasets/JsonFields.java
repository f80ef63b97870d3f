package io.dno.core.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.DataFileException;
import io.dno.core.tokenize.ChatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Typed access to the fields of one JSON line, every problem a {@link DataFileException} at file:line, field. */
record JsonFields(Path file, long line, JsonNode node) {

    boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    JsonNode get(String field) {
        if (!has(field)) {
            throw error(field, "is missing");
        }
        return node.get(field);
    }

    String text(String field) {
        JsonNode v = get(field);
        if (!v.isTextual()) {
            throw error(field, "must be a string, got " + kind(v));
        }
        return v.asText();
    }

    boolean bool(String field) {
        JsonNode v = get(field);
        if (!v.isBoolean()) {
            throw error(field, "must be true or false, got " + kind(v));
        }
        return v.asBoolean();
    }

    double number(String field) {
        JsonNode v = get(field);
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw error(field, "must be a finite number, got " + kind(v));
        }
        return v.asDouble();
    }

    int choice(String field, int... allowed) {
        JsonNode v = get(field);
        if (v.isIntegralNumber()) {
            for (int a : allowed) {
                if (v.asInt() == a) {
                    return a;
                }
            }
        }
        throw error(field, "must be one of " + java.util.Arrays.toString(allowed) + ", got " + v);
    }

    /** A list of {@code {"role", "content"}} objects. */
    List<ChatMessage> messages(String field) {
        JsonNode v = get(field);
        if (!v.isArray() || v.isEmpty()) {
            throw error(field, "must be a non-empty list of {\"role\", \"content\"} messages, got " + kind(v));
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode m = v.get(i);
            String at = field + "[" + i + "]";
            if (!m.isObject() || !m.path("role").isTextual() || !m.path("content").isTextual()
                    || m.get("role").asText().isBlank()) {
                throw error(at, "must be {\"role\": string, \"content\": string}, got " + m);
            }
            out.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
        }
        return out;
    }

    DataFileException error(String field, String problem) {
        return new DataFileException(file, line, "field '" + field + "' " + problem);
    }

    DataFileException error(String problem) {
        return new DataFileException(file, line, problem);
    }

    private static String kind(JsonNode v) {
        String s = v.toString();
        return v.getNodeType().name().toLowerCase() + " " + (s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }
}
