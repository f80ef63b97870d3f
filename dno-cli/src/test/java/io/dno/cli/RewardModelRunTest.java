package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.io.Json;
import io.dno.core.io.Jsonl;
import io.dno.core.model.RewardCheckpoints;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DNO run through {@code dno run} annotated by a classifier reward model ({@code type: reward_model}). */
class RewardModelRunTest {

    @Test
    void aDnoRunScoredByARewardModel(@TempDir Path tmp) throws Exception {
        Path tokenizerDir = CharTokenizer.write(tmp.resolve("tokenizer"), List.of("a", "b", "c"));
        HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir);
        try (TransformerPolicy policy = new TransformerPolicy(Transformer.random(TransformerConfig.llama(
                tokenizer.vocabSize(), 32, 64, 1, 2, 2, 64), 3), tokenizer,
                TransformerPolicy.Options.defaults().withTokenizerDir(tokenizerDir))) {
            policy.save(tmp.resolve("model"));
        }
        Path rm = tmp.resolve("rm");
        CharTokenizer.write(rm, List.of("a", "b", "c"));
        RewardCheckpoints.write(rm, TransformerConfig.llama(tokenizer.vocabSize(), 32, 64, 1, 2, 2, 128), 11, 0);
        List<Prompt> train = new ArrayList<>();
        List<Demonstration> gold = new ArrayList<>();
        String[] texts = {"ab", "ba", "cab", "abc"};
        for (int i = 0; i < texts.length; i++) {
            Prompt p = Prompt.of("t" + i, texts[i]);
            train.add(p);
            gold.add(Demonstration.of(p, new StringBuilder(texts[i]).reverse().toString()));
        }
        Jsonl.write(tmp.resolve("prompts.jsonl"), train);
        Jsonl.write(tmp.resolve("gold.jsonl"), gold);
        Path config = tmp.resolve("run.yaml");
        Files.writeString(config, """
                strategy: {type: dno, iterations: 1, samples_per_prompt: 3}
                policy: {checkpoint: model}
                data: {prompts: prompts.jsonl}
                teacher: {type: dataset, file: gold.jsonl}
                annotator: {type: reward_model, checkpoint: rm}
                sampling: {temperature: 1.0, top_p: 1.0, max_new_tokens: 4}
                trainer: {learning_rate: 0.01, batch_size: 4}
                seed: 2
                """);
        Path out = tmp.resolve("runs/rm");
        CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(out.resolve("iter-1/checkpoint/model.safetensors")));
        int scored = 0;
        for (String line : Files.readAllLines(out.resolve("iter-1/annotations.jsonl"))) {
            JsonNode j = Json.mapper().readTree(line);
            double max = Double.NEGATIVE_INFINITY;
            for (JsonNode s : j.get("scored")) {
                double score = s.get("score").asDouble();
                assertTrue(score >= 0 && score <= 6, "on the 0-6 scale: " + score);
                assertTrue(s.get("justification").asText().startsWith("reward "), s.toString());
                max = Math.max(max, score);
                scored++;
            }
            assertTrue(max == 6 || max == 3, "min-max: the best candidate gets 6 (or all 3 when rewards tie): " + line);
        }
        assertTrue(scored >= 2 * train.size(), "candidates were scored: " + scored);
    }
}
