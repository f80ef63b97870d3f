package io.dno.core.tokenize;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.DataFileException;
import io.dno.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The parts of a Hugging Face {@code tokenizer_config.json} that dno uses: the special tokens (each either a
 * string or an {@code AddedToken} object {@code {"content": "</s>", ...}}) and the Jinja
 * {@code chat_template} (a string, or a list of {@code {"name", "template"}} of which {@code "default"} is
 * taken, as {@code transformers} does). Other fields are ignored.
 */
public record TokenizerConfig(Optional<String> bosToken, Optional<String> eosToken, Optional<String> padToken,
                              Optional<String> unkToken, Optional<String> chatTemplate) {
    /** The file name {@code transformers} uses. */
    public static final String FILE_NAME = "tokenizer_config.json";

    public TokenizerConfig {
        checkNotNull(bosToken, "bosToken");
        checkNotNull(eosToken, "eosToken");
        checkNotNull(padToken, "padToken");
        checkNotNull(unkToken, "unkToken");
        checkNotNull(chatTemplate, "chatTemplate");
    }

    /** A configuration without special tokens or template. */
    public static TokenizerConfig empty() {
        return new TokenizerConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Reads {@code file}; a missing file gives {@link #empty()}. */
    public static TokenizerConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        JsonNode root = Json.readObject(file, "a tokenizer config");
        return new TokenizerConfig(token(file, root, "bos_token"), token(file, root, "eos_token"),
                token(file, root, "pad_token"), token(file, root, "unk_token"), template(file, root.get("chat_template")));
    }

    private static Optional<String> token(Path file, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(node.textValue());
        }
        if (node.isObject() && node.path("content").isTextual()) {
            return Optional.of(node.get("content").textValue());
        }
        throw new DataFileException(file, 0, "field '" + field + "' must be a string or an object with a string "
                + "\"content\", got " + node);
    }

    private static Optional<String> template(Path file, JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(node.textValue());
        }
        if (node.isArray()) {
            for (JsonNode named : node) {
                if ("default".equals(named.path("name").asText()) && named.path("template").isTextual()) {
                    return Optional.of(named.get("template").textValue());
                }
            }
        }
        throw new DataFileException(file, 0, "field 'chat_template' must be a string or a list of "
                + "{\"name\", \"template\"} with a \"default\" entry");
    }
}
