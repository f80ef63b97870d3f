package io.dno.core.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Messages for a JSON value of the wrong shape, in the user's terms: which field, what it must be, what it is
 * ({@code field 'response' must be a string, got an object: {"text":"hello"}}), rather than Jackson's
 * "Cannot deserialize value of type `java.lang.String` from Object value (token `JsonToken.START_OBJECT`)".
 */
final class JsonShapes {
    private static final int SHOWN_CHARS = 60;

    private JsonShapes() {}

    /**
     * The problem {@code e} found in {@code line}, or empty when it is not a shape problem this class describes.
     *
     * @param field    the field path as the message names it, e.g. {@code prompt.text} (empty at the top level)
     * @param lineType the record one line holds
     */
    static Optional<String> describe(MismatchedInputException e, String line, String field, Class<?> lineType) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(line);
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty()) {
            return Optional.empty();
        }
        JsonNode value = at(root, path);
        if (value == null || value.isMissingNode()) {
            if (!String.valueOf(e.getOriginalMessage()).startsWith("Missing required creator property")) {
                return Optional.empty();
            }
            JsonNode parent = at(root, path.subList(0, path.size() - 1));
            List<String> present = new ArrayList<>();
            if (parent != null) {
                parent.fieldNames().forEachRemaining(present::add);
            }
            return Optional.of("field '" + field + "' is missing" + (present.isEmpty() ? ""
                    : " (the object has " + String.join(", ", present) + ")") + "; a line is " + expected(lineType));
        }
        if (e.getTargetType() == null) {
            return Optional.empty();
        }
        return Optional.of("field '" + field + "' must be " + expected(e.getTargetType()) + ", got " + shape(value)
                + ": " + shown(value));
    }

    /** What a value of {@code type} looks like in JSON. */
    static String expected(Class<?> type) {
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> "\"" + jsonName((Enum<?>) c) + "\"")
                    .toList();
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isRecord()) {
            List<String> fields = Arrays.stream(type.getRecordComponents()).map(JsonShapes::jsonName)
                    .map(n -> "\"" + n + "\"").toList();
            return "an object {" + String.join(", ", fields) + "}";
        }
        return "an object";
    }

    private static String shape(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isNull() ? "null" : node.getNodeType().toString().toLowerCase();
    }

    private static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }

    private static JsonNode at(JsonNode root, List<JsonMappingException.Reference> path) {
        JsonNode node = root;
        for (JsonMappingException.Reference ref : path) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return node;
    }

    private static String jsonName(RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        if (p == null) {
            p = c.getAnnotation(JsonProperty.class);
        }
        return p != null && !p.value().isEmpty() ? p.value() : c.getName();
    }

    private static String jsonName(Enum<?> constant) {
        try {
            JsonProperty p = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return p != null && !p.value().isEmpty() ? p.value() : constant.toString();
        } catch (NoSuchFieldException e) {
            return constant.toString();
        }
    }
}
