package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.eval.ContinuationRequest;
import io.dno.core.eval.ModelLoglikelihood;
import io.dno.core.io.Json;
import io.dno.core.io.Jsonl;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dno eval mc | pairs | alpaca outputs | alpaca lc} on tiny models and files the test writes. */
class EvalCommandTest {
    @TempDir
    Path tmp;
    Path model;
    Path reference;

    @BeforeEach
    void models() throws Exception {
        Path tok = CharTokenizer.write(tmp.resolve("tok"), CharTokenizer.alphabetOf("abcdefghijklmnopqrstuvwxyz ?:."));
        for (String name : List.of("model", "reference")) {
            try (HfTokenizer tokenizer = HfTokenizer.load(tok);
                 TransformerPolicy p = new TransformerPolicy(Transformer.random(TransformerConfig.tiny(
                         tokenizer.vocabSize()), name.length()), HfTokenizer.load(tok),
                         TransformerPolicy.Options.defaults().withTokenizerDir(tok))) {
                p.save(tmp.resolve(name));
            }
        }
        model = tmp.resolve("model");
        reference = tmp.resolve("reference");
    }

    @Test
    void multipleChoiceReportsAccAndAccNormFromTheModelsLogLikelihoods() throws Exception {
        Path data = tmp.resolve("mc.jsonl");
        Files.writeString(data, """
                {"context": "question: sky?", "choices": ["blue", "green sea"], "gold": 0}
                {"context": "question: sum?", "choices": ["four", "two", "a lot"], "gold": 2}
                """);
        CliRun run = CliRun.of("eval", "mc", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode r = Json.mapper().readTree(run.out());
        assertEquals(2, r.get("items").asInt());
        try (HfTokenizer tokenizer = HfTokenizer.load(model); Transformer t = CheckpointDir.load(model)) {
            double[] ll = new ModelLoglikelihood(t, tokenizer).logLikelihoods(List.of(
                    new ContinuationRequest("question: sky?", " blue"), new ContinuationRequest("question: sky?", " green sea")));
            JsonNode first = r.get("scores").get(0);
            assertEquals(ll[0], first.get("loglikelihoods").get(0).asDouble(), 1e-6);
            assertEquals(ll[1], first.get("loglikelihoods").get(1).asDouble(), 1e-6);
            assertEquals(ll[0] >= ll[1] ? 0 : 1, first.get("predicted").asInt());
            assertEquals(ll[0] / 4 >= ll[1] / 9 ? 0 : 1, first.get("predicted_norm").asInt());
        }
        double acc = (r.get("scores").get(0).get("predicted").asInt() == 0 ? 1 : 0)
                + (r.get("scores").get(1).get("predicted").asInt() == 2 ? 1 : 0);
        assertEquals(acc / 2, r.get("acc").asDouble(), 1e-12);
    }

    @Test
    void pairAccuracyAgainstItselfIsZeroRewardAndMatchesLogProbs() throws Exception {
        Path pairs = tmp.resolve("pairs.jsonl");
        Prompt p1 = Prompt.of("p1", "say abc");
        Prompt p2 = Prompt.of("p2", "say xyz");
        Jsonl.write(pairs, List.of(PreferencePair.of(p1, Response.teacher("p1", "abc"), Response.student("p1", "zz"), 1, 0),
                PreferencePair.of(p2, Response.teacher("p2", "xyz"), Response.student("p2", "q"), 1, 0)));
        CliRun same = CliRun.of("eval", "pairs", "--model", model.toString(), "--reference", model.toString(),
                "--pairs", pairs.toString());
        assertEquals(0, same.exitCode(), same.err());
        JsonNode r = Json.mapper().readTree(same.out());
        assertEquals(2, r.get("pairs").asInt());
        assertEquals(0.0, r.get("rewards/accuracies").asDouble(), "identical policies: every implicit reward is 0");
        assertEquals(0.0, r.get("rewards/margins").asDouble(), 1e-9);
        CliRun other = CliRun.of("eval", "pairs", "--model", model.toString(), "--reference", reference.toString(),
                "--pairs", pairs.toString(), "--out", tmp.resolve("pairs-result.json").toString());
        assertEquals(0, other.exitCode(), other.err());
        assertEquals(Json.mapper().readTree(other.out()), Json.mapper().readTree(tmp.resolve("pairs-result.json").toFile()));
    }

    @Test
    void alpacaOutputsAndLengthControlledWinRate() throws Exception {
        Path evalSet = tmp.resolve("alpaca_eval.json");
        Files.writeString(evalSet, "[{\"instruction\": \"name a color\", \"dataset\": \"helpful_base\"},"
                + " {\"instruction\": \"say hi\", \"dataset\": \"oasst\"}]");
        Path outputs = tmp.resolve("model_outputs.json");
        CliRun run = CliRun.of("eval", "alpaca", "outputs", "--model", model.toString(), "--prompts", evalSet.toString(),
                "--out", outputs.toString(), "--prompt-format", "raw", "--max-new-tokens", "8", "--generator", "tiny");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode written = Json.mapper().readTree(outputs.toFile());
        assertEquals(2, written.size());
        assertEquals("name a color", written.get(0).get("instruction").asText());
        assertEquals("tiny", written.get(0).get("generator").asText());
        assertEquals("oasst", written.get(1).get("dataset").asText());
        assertTrue(written.get(0).get("output").isTextual());

        StringBuilder annotations = new StringBuilder("[");
        // 15 longer answers win 12 times (80%), 5 shorter ones once (20%), length differences ±50: the raw win rate
        // is 13/20 = 65%, and at equal length the two groups' log-odds (±ln 4) cancel to about 50%
        for (int i = 0; i < 20; i++) {
            boolean longer = i < 15;
            boolean wins = longer ? i % 5 != 0 : i == 15;
            annotations.append(i == 0 ? "" : ",").append(Json.mapper().writeValueAsString(Map.of("instruction", "q" + i,
                    "output_1", "b".repeat(60), "output_2", "m".repeat(longer ? 110 : 10),
                    "preference", wins ? 2.0 : 1.0)));
        }
        Path file = tmp.resolve("annotations.json");
        Files.writeString(file, annotations.append("]").toString());
        CliRun lc = CliRun.of("eval", "alpaca", "lc", "--annotations", file.toString());
        assertEquals(0, lc.exitCode(), lc.err());
        JsonNode r = Json.mapper().readTree(lc.out());
        assertEquals(65.0, r.get("win_rate").asDouble(), 1e-9, "13 of 20 won");
        assertEquals(50.0, r.get("length_controlled_winrate").asDouble(), 5.0, r.toString());
        assertTrue(r.get("notes").size() >= 2, r.toString());
        assertTrue(r.has("dno_length_controlled_winrate"));
    }

    @Test
    void badInputNamesTheFileAndLine() throws Exception {
        Path data = tmp.resolve("bad.jsonl");
        Files.writeString(data, "{\"context\": \"q\", \"choices\": [\"a\", \"b\"], \"gold\": 0}\n"
                + "{\"context\": \"q\", \"choices\": [\"a\"], \"gold\": 0}\n");
        CliRun run = CliRun.of("eval", "mc", "--model", model.toString(), "--data", data.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("bad.jsonl:2") && run.err().contains("at least two"), run.err());
    }
}
