package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfConfigJsonTest {

    @Test
    void roundTripsEveryModelTypeThroughConfigJson(@TempDir Path dir) {
        for (TransformerConfig config : List.of(TinyConfigs.llamaGqaTied(), TinyConfigs.qwen2GqaUntied(),
                TinyConfigs.mistralMha().withSpecialTokens(OptionalInt.of(1), List.of(2, 5)))) {
            Path file = dir.resolve(config.modelType() + ".json");
            HfConfigJson.write(config, file);
            assertEquals(config, HfConfigJson.read(file));
        }
    }

    @Test
    void writesHfFieldNames() {
        ObjectNode json = HfConfigJson.toJson(TinyConfigs.qwen2GqaUntied());
        assertEquals("Qwen2ForCausalLM", json.get("architectures").get(0).asText());
        assertEquals("qwen2", json.get("model_type").asText());
        assertEquals(1, json.get("num_key_value_heads").asInt());
        assertEquals(1e6, json.get("rope_theta").asDouble());
        assertEquals("float32", json.get("torch_dtype").asText());
        assertEquals("silu", json.get("hidden_act").asText());
        assertEquals(false, json.get("tie_word_embeddings").asBoolean());
    }

    @Test
    void readsARealisticHfFileWithUnknownFieldsAndDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, """
                {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 32000,
                 "hidden_size": 2048, "intermediate_size": 5632, "num_hidden_layers": 22,
                 "num_attention_heads": 32, "num_key_value_heads": 4, "hidden_act": "silu",
                 "max_position_embeddings": 2048, "rms_norm_eps": 1e-05, "rope_scaling": null,
                 "bos_token_id": 1, "eos_token_id": 2, "torch_dtype": "bfloat16",
                 "transformers_version": "4.35.0", "use_cache": true, "pretraining_tp": 1}
                """);
        TransformerConfig c = HfConfigJson.read(file);
        assertEquals(64, c.headDim());
        assertEquals(8, c.kvGroups());
        assertEquals(10000.0, c.ropeTheta());
        assertEquals(OptionalInt.of(1), c.bosTokenId());
        assertEquals(List.of(2), c.eosTokenIds());
        assertEquals(false, c.tieWordEmbeddings());
    }

    @Test
    void rejectsUnsupportedConfigsNamingTheField() {
        assertRejected("{\"model_type\": \"gpt2\"}", "model_type");
        assertRejected(base("llama") + ", \"rope_scaling\": {\"type\": \"linear\", \"factor\": 2.0}}", "rope_scaling");
        assertRejected(base("llama") + ", \"hidden_act\": \"gelu\"}", "hidden_act");
        assertRejected(base("llama") + ", \"attention_bias\": true}", "attention_bias");
        assertRejected(base("mistral") + ", \"max_position_embeddings\": 8192, \"sliding_window\": 4096}",
                "sliding_window");
        assertRejected(base("qwen2") + ", \"use_sliding_window\": true}", "use_sliding_window");
        assertRejected(base("llama") + ", \"num_key_value_heads\": 3}", "num_key_value_heads");
        assertRejected(base("llama").replace("\"vocab_size\": 10, ", "") + "}", "vocab_size");
        assertRejected(base("llama") + ", \"torch_dtype\": \"int8\"}", "torch_dtype");
    }

    @Test
    void acceptsAMistralSlidingWindowAsLongAsTheContext() {
        TransformerConfig c = HfConfigJson.parse(json(base("mistral")
                + ", \"max_position_embeddings\": 4096, \"sliding_window\": 4096}"));
        assertEquals("mistral", c.modelType());
    }

    private static String base(String type) {
        return "{\"model_type\": \"" + type + "\", \"vocab_size\": 10, \"hidden_size\": 8, \"intermediate_size\": 16,"
                + " \"num_hidden_layers\": 1, \"num_attention_heads\": 2";
    }

    private static void assertRejected(String text, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HfConfigJson.parse(json(text)));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains(field),
                "message should name config.json and " + field + ": " + e.getMessage());
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return io.dno.core.io.Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
