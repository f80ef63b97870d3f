package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.cli.testing.TinyRunInputs;
import io.dno.core.data.Prompt;
import io.dno.core.io.Json;
import io.dno.core.model.RewardCheckpoints;
import io.dno.core.model.TransformerConfig;
import io.dno.core.tokenize.CharTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DNO run through {@code dno run} annotated by a classifier reward model ({@code type: reward_model}). */
class RewardModelRunTest {

    @Test
    void aDnoRunScoredByARewardModel(@TempDir Path tmp) throws Exception {
        int vocabSize = TinyRunInputs.model(tmp, 3);
        Path rm = tmp.resolve("rm");
        CharTokenizer.write(rm, List.of("a", "b", "c"));
        RewardCheckpoints.write(rm, TransformerConfig.llama(vocabSize, 32, 64, 1, 2, 2, 128), 11, 0);
        List<Prompt> train = TinyRunInputs.prompts(tmp, List.of("ab", "ba", "cab", "abc"), 4);
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
            double min = Double.POSITIVE_INFINITY;
            for (JsonNode s : j.get("scored")) {
                double score = s.get("score").asDouble();
                assertTrue(s.get("justification").asText().startsWith("reward "), s.toString());
                max = Math.max(max, score);
                min = Math.min(min, score);
                scored++;
            }
            assertTrue(max == 6 && min == 0 || max == 3 && min == 3,
                    "min-max: the best candidate gets 6 and the worst 0 (or all 3 when rewards tie): " + line);
        }
        assertTrue(scored >= 2 * train.size(), "candidates were scored: " + scored);
    }
}
