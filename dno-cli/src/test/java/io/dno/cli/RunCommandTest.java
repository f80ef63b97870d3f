package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.cli.testing.TinyRunInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dno run}, {@code dno resume} and {@code dno rollback} on a tiny model, from a YAML file. */
class RunCommandTest {
    @TempDir
    Path tmp;

    Path config;

    @BeforeEach
    void files() throws Exception {
        TinyRunInputs.model(tmp, 3);
        TinyRunInputs.prompts(tmp, List.of("ab", "ba", "cab", "abc", "cc", "bca", "aa", "cb"), 6);
        config = tmp.resolve("run.yaml");
        Files.writeString(config, """
                strategy: {type: dno, iterations: 2, samples_per_prompt: 2}
                policy: {checkpoint: model}
                data: {prompts: prompts.jsonl, evaluation: eval.jsonl}
                teacher: {type: dataset, file: gold.jsonl}
                annotator: {type: exact-match, references: gold.jsonl, mismatch_score: 1}
                sampling: {temperature: 1.0, top_p: 1.0, max_new_tokens: 3}
                trainer: {learning_rate: 0.01, batch_size: 4}
                seed: 5
                """);
    }

    @Test
    void runsResumesAndRollsBack() throws Exception {
        Path out = tmp.resolve("runs/dno");
        assertEquals(0, DnoCommand.execute("run", "--config", config.toString(), "--out", out.toString()));
        for (String f : List.of("run.json", "run.yaml", "command.json", "report.md", "report.json",
                "iter-2/checkpoint/model.safetensors", "iter-1/annotations.jsonl")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| iter-2 |") && report.contains("Table 2"), report);
        byte[] finalWeights = Files.readAllBytes(out.resolve("iter-2/checkpoint/model.safetensors"));

        assertEquals(0, DnoCommand.execute("resume", out.toString()), "resuming a complete run is a no-op");
        assertEquals(0, DnoCommand.execute("rollback", out.toString(), "--to", "1"));
        assertFalse(Files.exists(out.resolve("iter-2")));
        Files.delete(config);                                     // resume needs only the run directory
        assertEquals(0, DnoCommand.execute("resume", out.toString()));
        assertTrue(java.util.Arrays.equals(finalWeights, Files.readAllBytes(out.resolve("iter-2/checkpoint/model.safetensors"))),
                "the redone iteration 2 is the same as the first time (same seed)");
    }

    @Test
    void qloraRunsThroughTheSameConfiguration() throws Exception {
        Files.writeString(config, Files.readString(config).replace("policy: {checkpoint: model}",
                "policy: {checkpoint: model, lora: {r: 4, alpha: 8, quantize_base: nf4}}"));
        Path out = tmp.resolve("runs/qlora");
        assertEquals(0, DnoCommand.execute("run", "--config", config.toString(), "--out", out.toString()));
        assertTrue(Files.exists(out.resolve("iter-2/checkpoint/adapter_model.safetensors")));
        assertTrue(Files.readString(out.resolve("run.json")).contains("LoraConfig[rank=4"));
    }

    @Test
    void badConfigurationsFailWithTheKeyAndLine() throws Exception {
        Files.writeString(config, Files.readString(config).replace("seed: 5", "seed: 5\nlearning_rat: 3"));
        String err = runCapturingErr("run", "--config", config.toString(), "--out", tmp.resolve("x").toString());
        assertTrue(err.contains("learning_rat") && err.contains("run.yaml:9"), err);

        Files.writeString(config, Files.readString(config).replace("learning_rat: 3", "")
                .replace("type: dno,", "type: dno, min_margin: 1,"));
        err = runCapturingErr("run", "--config", config.toString(), "--out", tmp.resolve("y").toString());
        assertTrue(err.contains("strategy.min_margin does not apply"), err);

        Files.writeString(config, Files.readString(config).replace("min_margin: 1,", "")
                .replace("data: {prompts: prompts.jsonl, evaluation: eval.jsonl}", "data: {evaluation: eval.jsonl}"));
        err = runCapturingErr("run", "--config", config.toString(), "--out", tmp.resolve("z").toString());
        assertTrue(err.contains("prompts: DNO needs at least one prompt per iteration"), err);

        Files.writeString(config, Files.readString(config).replace("policy: {checkpoint: model}",
                "policy: {checkpoint: model, device: \"gpu:0\"}"));
        err = runCapturingErr("run", "--config", config.toString(), "--out", tmp.resolve("g").toString());
        assertTrue(err.contains("PYTORCH_LIBRARY_PATH"), "a GPU that is not usable is named with the fix: " + err);
    }

    private static String runCapturingErr(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.exitCode(), run.err());
        return run.err();
    }
}
