package io.dno.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.checkpoint.Safetensors;
import io.dno.core.checkpoint.StorageType;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a random-init reward-model checkpoint in the Hugging Face {@code …ForSequenceClassification} layout
 * (base weights without an LM head, {@code score.weight} (1, d), config.json with {@code num_labels} 1 and
 * {@code pad_token_id}), as {@code save_pretrained} would, for tests of {@link RewardModel} and its users.
 */
public final class RewardCheckpoints {
    private RewardCheckpoints() {}

    /** Writes the checkpoint into {@code dir} (created) and returns it. */
    public static Path write(Path dir, TransformerConfig config, long seed, int padTokenId) throws IOException {
        Files.createDirectories(dir);
        TransformerConfig tied = config.withTiedEmbeddings(true);
        try (Transformer base = Transformer.random(tied, seed); NDManager m = base.manager().newSubManager()) {
            Map<String, NDArray> weights = new LinkedHashMap<>(base.parameters());
            for (Map.Entry<String, NDArray> e : base.parameters().entrySet()) {
                if (e.getKey().endsWith("norm.weight") || e.getKey().endsWith(".bias")) {
                    // norms at 1 and biases at 0 would hide mistakes in those parameters
                    e.getValue().addi(m.randomUniform(-0.5f, 0.5f, e.getValue().getShape()));
                }
            }
            NDArray score = m.randomNormal(0f, 0.5f, new ai.djl.ndarray.types.Shape(1, config.hiddenSize()),
                    ai.djl.ndarray.types.DataType.FLOAT32);
            weights.put(RewardModel.SCORE, score);
            Safetensors.write(dir.resolve(CheckpointDir.WEIGHTS), weights, Map.of("format", "pt"), StorageType.F32);
        }
        ObjectNode json = HfConfigJson.toJson(config);
        String arch = config.modelType().equals("qwen2") ? "Qwen2ForSequenceClassification"
                : config.modelType().equals("mistral") ? "MistralForSequenceClassification" : "LlamaForSequenceClassification";
        json.putArray("architectures").add(arch);
        json.put("tie_word_embeddings", false);
        json.putObject("id2label").put("0", "LABEL_0");
        json.putObject("label2id").put("LABEL_0", 0);
        json.put("pad_token_id", padTokenId);
        AtomicFiles.writeString(dir.resolve(CheckpointDir.CONFIG),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        return dir;
    }
}
