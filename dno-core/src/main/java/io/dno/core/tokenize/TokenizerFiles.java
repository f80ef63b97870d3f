package io.dno.core.tokenize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * What the tokenizers dno writes itself ({@link CharTokenizer}, {@link ByteLevelTokenizer}) share in their Hugging
 * Face files: the top of {@code tokenizer.json}, a {@code PreTrainedTokenizerFast} {@code tokenizer_config.json} with
 * {@link CharTokenizer#CHAT_TEMPLATE}, and writing both atomically.
 */
final class TokenizerFiles {
    private TokenizerFiles() {}

    /**
     * A {@code tokenizer.json} root with version 1.0, no truncation or padding, and {@code specialTokens} as added
     * special tokens with ids 0, 1, ... in order; the caller adds the normalizer, pre-tokenizer, decoder and model.
     */
    static ObjectNode tokenizerJson(List<String> specialTokens) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < specialTokens.size(); id++) {
            added.addObject().put("id", id).put("content", specialTokens.get(id)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        return root;
    }

    /**
     * {@code tokenizer_config.json} of a {@code PreTrainedTokenizerFast} with these special tokens ({@code unk}
     * {@code null} for a tokenizer without one), {@code model_max_length} and {@link CharTokenizer#CHAT_TEMPLATE}.
     */
    static ObjectNode configJson(String bos, String eos, String pad, String unk, int modelMaxLength) {
        ObjectNode config = Json.mapper().createObjectNode();
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        config.put("bos_token", bos);
        config.put("eos_token", eos);
        config.put("pad_token", pad);
        if (unk != null) {
            config.put("unk_token", unk);
        }
        config.put("clean_up_tokenization_spaces", false);
        config.put("model_max_length", modelMaxLength);
        config.put("chat_template", CharTokenizer.CHAT_TEMPLATE);
        return config;
    }

    /** Writes {@code tokenizer.json} and {@code tokenizer_config.json} into {@code dir} atomically; returns {@code dir}. */
    static Path write(Path dir, ObjectNode tokenizer, ObjectNode config) {
        AtomicFiles.writeString(dir.resolve(HfTokenizer.TOKENIZER_FILE), toJson(tokenizer));
        AtomicFiles.writeString(dir.resolve(TokenizerConfig.FILE_NAME), toJson(config));
        return dir;
    }

    private static String toJson(ObjectNode node) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise plain JSON nodes", e);
        }
    }
}
