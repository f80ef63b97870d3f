package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.cli.testing.TinyRunInputs;
import io.dno.core.data.PreferencePair;
import io.dno.core.io.Json;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.Tokenization;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.tokenize.HfTokenizer;
import io.dno.core.train.TokenizedPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loss: {type: dno_regression}} in run.yaml: DNO's Eq. 8 (Rosset et al. 2024, Algorithm 1) trains on the soft
 * targets the pair rule wrote into pairs.jsonl, through tokenisation and the trainer, on a tiny model.
 */
class DnoRegressionRunTest {
    @TempDir
    Path tmp;

    @Test
    void aDnoRunTrainsEquationEightOnThePairsSoftTargets() throws Exception {
        TinyRunInputs.model(tmp, 3);
        List<String> texts = List.of("ab", "ba", "cab", "abc", "cc", "bca");
        TinyRunInputs.prompts(tmp, texts, texts.size());
        Path config = tmp.resolve("run.yaml");
        Files.writeString(config, """
                strategy: {type: dno, iterations: 1, samples_per_prompt: 3}
                policy: {checkpoint: model}
                data: {prompts: prompts.jsonl}
                teacher: {type: dataset, file: gold.jsonl}
                annotator: {type: exact-match, references: gold.jsonl, mismatch_score: 1}
                loss: {type: dno_regression, beta: 0.5}
                sampling: {temperature: 1.0, top_p: 1.0, max_new_tokens: 3}
                trainer: {learning_rate: 0.01, batch_size: 4}
                seed: 5
                """);
        Path out = tmp.resolve("run");
        CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());

        List<PreferencePair> pairs = Jsonl.read(out.resolve("iter-1/pairs.jsonl"), PreferencePair.class);
        assertTrue(!pairs.isEmpty(), "the teacher's exact answers beat the random samples: pairs exist");
        for (PreferencePair p : pairs) {        // a large-margin pair's z* = σ(r⁺ − r⁻) lies in (½, σ(1)]
            assertTrue(p.target() > 0.5 && p.target() <= 1 / (1 + Math.exp(-1)) + 1e-12, p::toString);
        }
        assertTrue(Files.readString(out.resolve("run.json")).contains("dnoRegression(eta=0.5)"));
        List<JsonNode> steps = Jsonl.read(out.resolve("iter-1/train.jsonl"), JsonNode.class);
        assertTrue(!steps.isEmpty());
        // at the first step π = π_t, so the BCE is the mean entropy-like term −(z log ½ + (1 − z) log ½) = ln 2
        assertEquals(Math.log(2), steps.get(0).get("loss").asDouble(), 1e-4, Json.mapper().writeValueAsString(steps.get(0)));

        try (TransformerPolicy policy = TransformerPolicy.load(out.resolve("iter-1/checkpoint"),
                HfTokenizer.load(tmp.resolve("tokenizer")), TransformerPolicy.Options.defaults())) {
            List<TokenizedPair> tokenized = Tokenization.pairs(policy, pairs);
            for (int i = 0; i < pairs.size(); i++) {
                assertEquals(pairs.get(i).target(), tokenized.get(i).target(), "the trainer sees pair " + i + "'s target");
            }
        }
    }
}
