package io.dno.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The strict Jackson configuration every dno file goes through: unknown fields, duplicate keys, trailing
 * tokens and nulls for numbers are errors, never silently ignored.
 */
public final class Json {
    /** Longest string value accepted in a file (a prompt or response): 64 MiB of characters. */
    public static final int MAX_STRING_LENGTH = 64 << 20;

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build());

    private Json() {}

    /** The shared, thread-safe JSON mapper (compact output: one value per line in JSONL). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Gives {@code mapper} the same strictness as {@link #mapper()} (for another format, e.g. YAML configuration
     * files in the command-line tool): unknown fields, nulls for numbers and trailing tokens are errors.
     */
    public static <M extends ObjectMapper> M strict(M mapper) {
        configure(mapper);
        return mapper;
    }

    /**
     * Reads {@code file} as one JSON object; {@code what} names the file's kind in the error
     * ("a tokenizer.json"). Unreadable or invalid JSON, or a value other than an object, is a
     * {@link DataFileException} naming the file.
     */
    public static ObjectNode readObject(Path file, String what) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new DataFileException(file, 0, "not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DataFileException(file, 0, what + " must be a JSON object");
        }
        return (ObjectNode) root;
    }

    /** Atomically writes {@code value} to {@code file} as pretty-printed JSON. */
    public static void write(Path file, Object value) {
        AtomicFiles.write(file, out -> out.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value)));
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNestingDepth(64)
                .build());
        return mapper
                .registerModule(new Jdk8Module())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
