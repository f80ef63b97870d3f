package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.cli.testing.TinyRunInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dno run --spark-master local[2]} on a QLoRA configuration with a cached judge writes the same artifacts as
 * the run without Spark: executors open the NF4 base with each iterate's adapter and rebuild the judge from its
 * section, each with its own cache file.
 */
class SparkRunCommandTest {
    /** Files allowed to differ: wall times, provenance, the command line, and the judge caches' names. */
    private static final Set<String> DIFFERING = Set.of("timings.json", "stats.json", "run.json", "report.md",
            "report.json", "command.json");

    @TempDir
    Path tmp;

    Path config;

    @BeforeEach
    void files() throws Exception {
        TinyRunInputs.model(tmp, 3);
        String[] letters = {"a", "b", "c"};
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 80; i++) {            // 40 training prompts a partition: two chunks per stage call
            texts.add(letters[i % 3] + letters[(i / 3) % 3] + letters[(i / 9) % 3]);
        }
        TinyRunInputs.prompts(tmp, texts, 70);
        config = tmp.resolve("run.yaml");
        Files.writeString(config, """
                strategy: {type: dno, iterations: 2, samples_per_prompt: 2}
                policy: {checkpoint: model, lora: {r: 4, alpha: 8, quantize_base: nf4}}
                data: {prompts: prompts.jsonl, evaluation: eval.jsonl}
                teacher: {type: dataset, file: gold.jsonl}
                annotator: {type: exact-match, references: gold.jsonl, mismatch_score: 1, cache: judge-cache.jsonl}
                sampling: {temperature: 1.0, top_p: 1.0, max_new_tokens: 3}
                trainer: {learning_rate: 0.01, batch_size: 8}
                seed: 5
                """);
    }

    @Test
    void aQloraRunOnLocalSparkIsByteIdenticalAndResumesOnSpark() throws Exception {
        Path plain = tmp.resolve("runs/plain");
        Path spark = tmp.resolve("runs/spark");
        assertEquals(0, DnoCommand.execute("run", "--config", config.toString(), "--out", plain.toString()));
        assertEquals(0, DnoCommand.execute("run", "--config", config.toString(), "--out", spark.toString(),
                "--spark-master", "local[2]"));

        Set<String> files = files(plain);
        assertEquals(files, files(spark));
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(plain.resolve(f)), Files.readAllBytes(spark.resolve(f)), f);
        }
        assertTrue(files.containsAll(List.of("iter-2/samples.jsonl", "iter-2/annotations.jsonl", "iter-2/pairs.jsonl",
                "iter-2/reference.jsonl", "iter-2/checkpoint/adapter_model.safetensors", "iter-2/eval-answers.jsonl")),
                files.toString());
        assertTrue(Files.size(plain.resolve("judge-cache.jsonl")) > 0);
        assertTrue(Files.size(spark.resolve("judge-cache.executor-driver.jsonl")) > 0,
                "the executor judged through its own cache file");
        assertTrue(Files.readString(spark.resolve("run.json")).contains("spark(master=local[2])"));
        assertTrue(Files.readString(spark.resolve("command.json")).contains("--spark-master"),
                "dno resume continues on Spark");

        assertEquals(0, DnoCommand.execute("rollback", spark.toString(), "--to", "1"));
        assertEquals(0, DnoCommand.execute("resume", spark.toString()));
        assertArrayEquals(Files.readAllBytes(plain.resolve("iter-2/checkpoint/adapter_model.safetensors")),
                Files.readAllBytes(spark.resolve("iter-2/checkpoint/adapter_model.safetensors")),
                "iteration 2 redone on Spark after a rollback is the same");
    }

    @Test
    void badEngineSectionsNameTheField() throws Exception {
        String base = Files.readString(config);
        Files.writeString(config, base + "engine: {type: spark}\n");
        CliRun run = CliRun.of("run", "--config", config.toString(), "--out", tmp.resolve("a").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("master"), run.err());

        Files.writeString(config, base + "engine: {type: spark, master: \"local[2]\", conf: {executor.memory: 1g}}\n");
        run = CliRun.of("run", "--config", config.toString(), "--out", tmp.resolve("b").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("'executor.memory' is not a Spark setting"), run.err());

        Files.writeString(config, base + "engine: {type: ray, master: x}\n");
        run = CliRun.of("run", "--config", config.toString(), "--out", tmp.resolve("c").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("ray") && run.err().contains("spark"), run.err());
    }

    private static Set<String> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            Set<String> out = new TreeSet<>();
            walk.filter(Files::isRegularFile).map(root::relativize)
                    .filter(p -> !DIFFERING.contains(p.getFileName().toString())
                            && !p.getFileName().toString().startsWith("judge-cache"))
                    .forEach(p -> out.add(p.toString()));
            return out;
        }
    }
}
