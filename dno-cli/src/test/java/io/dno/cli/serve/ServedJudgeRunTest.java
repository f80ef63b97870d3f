package io.dno.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.cli.CliRun;
import io.dno.cli.testing.TinyRunInputs;
import io.dno.core.data.Prompt;
import io.dno.core.io.Json;
import io.dno.serve.PolicyServer;
import io.dno.serve.ServeSettings;
import io.dno.serve.ServedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One DNO run through {@code dno run} whose annotator is {@code {type: openai, base_url: http://127.0.0.1:P/v1}},
 * served by dno's own server from a local tiny policy (the self-rewarding setting over the protocol). A random
 * model's verdicts are unreadable: the run must complete, every judged candidate must be accounted for as scored or
 * unannotated, and the judge's requests must have reached the server.
 */
class ServedJudgeRunTest {

    @Test
    void aDnoRunJudgedByAServedLocalPolicyCompletes(@TempDir Path tmp) throws Exception {
        TinyRunInputs.model(tmp, 3);
        List<Prompt> train = TinyRunInputs.prompts(tmp, List.of("ab", "ba", "cab", "abc", "cc", "bca"), 4);
        Path judgeModel = ServedPolicies.write(tmp.resolve("judge"), 8);
        try (PolicyServer judge = PolicyServer.start(ServeSettings.defaults("judge", 0),
                () -> ServedModel.load(judgeModel, Optional.empty(), Device.cpu())).awaitReady()) {
            Path config = tmp.resolve("run.yaml");
            Files.writeString(config, """
                    strategy: {type: dno, iterations: 2, samples_per_prompt: 2}
                    policy: {checkpoint: model}
                    data: {prompts: prompts.jsonl, evaluation: eval.jsonl}
                    teacher: {type: dataset, file: gold.jsonl}
                    annotator: {type: openai, base_url: "%s", model: judge, max_tokens: 12, retries: 0, timeout: 60s}
                    sampling: {temperature: 1.0, top_p: 1.0, max_new_tokens: 3}
                    trainer: {learning_rate: 0.01, batch_size: 4}
                    seed: 5
                    """.formatted(judge.baseUrl()));
            Path out = tmp.resolve("runs/served-judge");
            CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());
            assertEquals(0, run.exitCode(), run.err());
            for (String f : List.of("report.md", "report.json", "iter-2/checkpoint/model.safetensors",
                    "iter-1/annotations.jsonl", "iter-2/annotations.jsonl")) {
                assertTrue(Files.exists(out.resolve(f)), f);
            }
            int candidates = 0;
            int accounted = 0;
            for (String iter : List.of("iter-1", "iter-2")) {
                for (String line : Files.readAllLines(out.resolve(iter).resolve("annotations.jsonl"))) {
                    JsonNode j = Json.mapper().readTree(line);
                    accounted += j.path("scored").size() + j.path("unannotated").size();
                    candidates += 3;                         // 2 samples and the teacher's answer per prompt
                }
            }
            assertTrue(candidates > 0);
            assertEquals(candidates, accounted, "every candidate is scored or unannotated, none dropped");
            long[] batches = judge.batchCounts();
            assertTrue(batches[1] >= 2 * train.size(), "the judge served every training prompt of both iterations: "
                    + batches[1] + " chat completions");
            System.out.printf("served-judge run: %d judge completions in %d batches; %d candidates judged%n",
                    batches[1], batches[0], candidates);
        }
    }
}
