package io.dno.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed, checked reads of request fields; a wrong type or value is a 400 naming the field. */
final class Fields {
    private Fields() {}

    static boolean absent(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull();
    }

    static String requiredString(JsonNode root, String field) {
        if (absent(root, field)) {
            throw ApiError.invalid(field, "'" + field + "' is required");
        }
        JsonNode n = root.get(field);
        if (!n.isTextual()) {
            throw ApiError.invalid(field, "'" + field + "' must be a string, got " + kind(n));
        }
        return n.asText();
    }

    static Optional<Boolean> bool(JsonNode root, String field) {
        if (absent(root, field)) {
            return Optional.empty();
        }
        JsonNode n = root.get(field);
        if (!n.isBoolean()) {
            throw ApiError.invalid(field, "'" + field + "' must be true or false, got " + kind(n));
        }
        return Optional.of(n.asBoolean());
    }

    static Optional<Integer> integer(JsonNode root, String field, int min, int max) {
        if (absent(root, field)) {
            return Optional.empty();
        }
        JsonNode n = root.get(field);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw ApiError.invalid(field, "'" + field + "' must be an integer, got " + kind(n));
        }
        long v = n.asLong();
        if (v < min || v > max) {
            throw ApiError.invalid(field, "'" + field + "' must be in [" + min + ", " + max + "], got " + v);
        }
        return Optional.of((int) v);
    }

    static Optional<Long> longValue(JsonNode root, String field) {
        if (absent(root, field)) {
            return Optional.empty();
        }
        JsonNode n = root.get(field);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw ApiError.invalid(field, "'" + field + "' must be a 64-bit integer, got " + kind(n));
        }
        return Optional.of(n.asLong());
    }

    static Optional<Double> number(JsonNode root, String field, double min, double max) {
        if (absent(root, field)) {
            return Optional.empty();
        }
        JsonNode n = root.get(field);
        if (!n.isNumber()) {
            throw ApiError.invalid(field, "'" + field + "' must be a number, got " + kind(n));
        }
        double v = n.asDouble();
        if (!(v >= min && v <= max)) {
            throw ApiError.invalid(field, "'" + field + "' must be in [" + min + ", " + max + "], got " + n);
        }
        return Optional.of(v);
    }

    /** {@code stop}: a string or an array of at most 4 non-empty strings (OpenAI's limit). */
    static List<String> stops(JsonNode root) {
        if (absent(root, "stop")) {
            return List.of();
        }
        JsonNode n = root.get("stop");
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            out.add(n.asText());
        } else if (n.isArray()) {
            for (JsonNode e : n) {
                if (!e.isTextual()) {
                    throw ApiError.invalid("stop", "'stop' must hold strings, got " + kind(e));
                }
                out.add(e.asText());
            }
        } else {
            throw ApiError.invalid("stop", "'stop' must be a string or an array of strings, got " + kind(n));
        }
        if (out.size() > 4) {
            throw ApiError.invalid("stop", "'stop' holds at most 4 strings, got " + out.size());
        }
        for (String s : out) {
            if (s.isEmpty()) {
                throw ApiError.invalid("stop", "'stop' strings must be non-empty");
            }
        }
        return List.copyOf(out);
    }

    /** Rejects sampling features this server does not implement when set to anything but their neutral value. */
    static void rejectUnsupported(JsonNode root) {
        for (String penalty : List.of("frequency_penalty", "presence_penalty")) {
            Optional<Double> v = number(root, penalty, -2, 2);
            if (v.isPresent() && v.get() != 0) {
                throw ApiError.unsupported(penalty, "'" + penalty + "' is not supported by this server; omit it or send 0");
            }
        }
        if (!absent(root, "logit_bias") && !(root.get("logit_bias").isObject() && root.get("logit_bias").isEmpty())) {
            throw ApiError.unsupported("logit_bias", "'logit_bias' is not supported by this server; omit it");
        }
        for (String field : List.of("tools", "functions", "suffix")) {
            JsonNode n = root.get(field);
            if (n != null && !n.isNull() && !(n.isContainerNode() && n.isEmpty()) && !(n.isTextual() && n.asText().isEmpty())) {
                throw ApiError.unsupported(field, "'" + field + "' is not supported by this server; omit it");
            }
        }
        JsonNode format = root.get("response_format");
        if (format != null && !format.isNull() && !"text".equals(format.path("type").asText())) {
            throw ApiError.unsupported("response_format", "only response_format {\"type\": \"text\"} is supported");
        }
    }

    static String kind(JsonNode n) {
        return n.isNull() ? "null" : n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
