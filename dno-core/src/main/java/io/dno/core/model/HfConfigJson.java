package io.dno.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads and writes the Hugging Face {@code config.json} of a Llama, Qwen2 or Mistral model. Reading is
 * lenient about fields this decoder does not use (HF files carry many: {@code transformers_version},
 * {@code use_cache}, ...) but strict about every field that would change the maths: {@code rope_scaling},
 * {@code hidden_act}, {@code attention_bias}/{@code mlp_bias} (llama), {@code use_sliding_window} (qwen2) and a
 * {@code sliding_window} shorter than {@code max_position_embeddings} (mistral) are rejected with a message
 * naming the field. Defaults for missing fields are the HF class defaults.
 */
public final class HfConfigJson {

    private HfConfigJson() {}

    /** Reads {@code file} (a config.json). */
    public static TransformerConfig read(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model config " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the JSON object of a config.json; errors name config.json and the field. */
    public static TransformerConfig parse(JsonNode root) {
        check(root != null && root.isObject(), "config.json must hold a JSON object");
        String type = text(root, "model_type", null);
        check(type != null, "config.json: model_type is missing; use llama, qwen2 or mistral");
        check(TransformerConfig.MODEL_TYPES.contains(type),
                "config.json: model_type '" + type + "' is not supported; use one of " + TransformerConfig.MODEL_TYPES);
        String act = text(root, "hidden_act", "silu");
        check(act.equals("silu"), "config.json: hidden_act '" + act + "' is not supported; only silu (SwiGLU)");
        JsonNode scaling = root.get("rope_scaling");
        check(scaling == null || scaling.isNull(),
                "config.json: rope_scaling " + scaling + " is not supported; only null (plain RoPE)");
        String dtype = text(root, "torch_dtype", "float32");
        check(List.of("float32", "float16", "bfloat16").contains(dtype),
                "config.json: torch_dtype '" + dtype + "' is not supported; use float32, float16 or bfloat16");
        if (type.equals("llama")) {
            check(!bool(root, "attention_bias", false),
                    "config.json: attention_bias true is not supported for llama (o_proj bias); set it to false");
            check(!bool(root, "mlp_bias", false), "config.json: mlp_bias true is not supported; set it to false");
        }
        if (type.equals("qwen2")) {
            check(!bool(root, "use_sliding_window", false),
                    "config.json: use_sliding_window true is not supported; set it to false");
        }
        int hidden = integer(root, "hidden_size", null);
        int heads = integer(root, "num_attention_heads", null);
        int maxPositions = integer(root, "max_position_embeddings", switch (type) {
            case "qwen2" -> 32768;
            case "mistral" -> 131072;
            default -> 2048;
        });
        if (type.equals("mistral")) {
            JsonNode window = root.get("sliding_window");
            check(window == null || window.isNull() || (window.canConvertToInt() && window.asInt() >= maxPositions),
                    "config.json: sliding_window " + window + " is smaller than max_position_embeddings "
                            + maxPositions + "; sliding-window attention is not supported (set it to null)");
        }
        check(heads > 0 && hidden % heads == 0 || root.hasNonNull("head_dim"),
                "config.json: hidden_size " + hidden + " is not a multiple of num_attention_heads " + heads
                        + "; give head_dim");
        int headDim = integer(root, "head_dim", heads > 0 ? hidden / heads : 0);
        return new TransformerConfig(type, integer(root, "vocab_size", null), hidden,
                integer(root, "intermediate_size", null), integer(root, "num_hidden_layers", null), heads,
                integer(root, "num_key_value_heads", heads), headDim, number(root, "rms_norm_eps", 1e-6),
                number(root, "rope_theta", 10000.0), maxPositions, bool(root, "tie_word_embeddings", false),
                type.equals("qwen2"), optionalId(root, "bos_token_id"), ids(root, "eos_token_id"));
    }

    /** The config.json object of {@code config} (torch_dtype float32, hidden_act silu, rope_scaling null). */
    public static ObjectNode toJson(TransformerConfig config) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.putArray("architectures").add(config.architecture());
        o.put("model_type", config.modelType());
        o.put("vocab_size", config.vocabSize());
        o.put("hidden_size", config.hiddenSize());
        o.put("intermediate_size", config.intermediateSize());
        o.put("num_hidden_layers", config.numHiddenLayers());
        o.put("num_attention_heads", config.numAttentionHeads());
        o.put("num_key_value_heads", config.numKeyValueHeads());
        o.put("head_dim", config.headDim());
        o.put("hidden_act", "silu");
        o.put("rms_norm_eps", config.rmsNormEps());
        o.put("rope_theta", config.ropeTheta());
        o.putNull("rope_scaling");
        o.put("max_position_embeddings", config.maxPositionEmbeddings());
        o.put("tie_word_embeddings", config.tieWordEmbeddings());
        switch (config.modelType()) {
            case "llama" -> {
                o.put("attention_bias", false);
                o.put("mlp_bias", false);
            }
            case "qwen2" -> o.put("use_sliding_window", false);
            case "mistral" -> o.putNull("sliding_window");
            default -> throw new IllegalStateException("unreachable: " + config.modelType());
        }
        config.bosTokenId().ifPresent(id -> o.put("bos_token_id", id));
        if (config.eosTokenIds().size() == 1) {
            o.put("eos_token_id", config.eosTokenIds().get(0));
        } else if (!config.eosTokenIds().isEmpty()) {
            ArrayNode eos = o.putArray("eos_token_id");
            config.eosTokenIds().forEach(eos::add);
        }
        o.put("initializer_range", 0.02);
        o.put("torch_dtype", "float32");
        o.put("use_cache", true);
        return o;
    }

    /** Writes {@code config} to {@code file} atomically, pretty-printed. */
    public static void write(TransformerConfig config, Path file) {
        try {
            AtomicFiles.writeString(file,
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(config)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String text(JsonNode root, String field, String fallback) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        check(n.isTextual(), "config.json: " + field + " must be a string, got " + n);
        return n.asText();
    }

    private static int integer(JsonNode root, String field, Integer fallback) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            check(fallback != null, "config.json: " + field + " is missing");
            return fallback;
        }
        check(n.isIntegralNumber() && n.canConvertToInt(), "config.json: " + field + " must be an integer, got " + n);
        return n.asInt();
    }

    private static double number(JsonNode root, String field, double fallback) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        check(n.isNumber(), "config.json: " + field + " must be a number, got " + n);
        return n.asDouble();
    }

    private static boolean bool(JsonNode root, String field, boolean fallback) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        check(n.isBoolean(), "config.json: " + field + " must be true or false, got " + n);
        return n.asBoolean();
    }

    private static OptionalInt optionalId(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(integer(root, field, null));
    }

    private static List<Integer> ids(JsonNode root, String field) {
        JsonNode n = root.get(field);
        List<Integer> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            for (JsonNode e : n) {
                check(e.isIntegralNumber(), "config.json: " + field + " must hold integers, got " + n);
                out.add(e.asInt());
            }
        } else {
            out.add(integer(root, field, null));
        }
        return out;
    }
}
