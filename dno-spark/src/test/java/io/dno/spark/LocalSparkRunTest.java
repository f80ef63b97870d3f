package io.dno.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.Alignment;
import io.dno.core.Strategy;
import io.dno.core.model.PolicySource;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.peft.AdapterSource;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.peft.LoraConfig;
import io.dno.core.testing.TinyRuleWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DNO run on {@code local[2]} writes the same bytes as the same run in one process: samples, annotations, pairs,
 * reference log-probs, every checkpoint and the evaluation, with full fine-tuning and with a LoRA adapter.
 */
class LocalSparkRunTest {
    /** 4 chunks of prompts per iteration, 2 of held-out prompts: several tasks per call. */
    static final TinyRuleWorld WORLD = new TinyRuleWorld(3, 200, 40);

    static SparkCluster cluster;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        cluster = SparkCluster.connect(SparkSettings.of("local[2]"));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static Alignment.Builder dno(TinyRuleWorld world, TransformerPolicy policy, Path run) {
        return world.builder(policy, run).annotator(ReverseRuleJudge.annotator(0))
                .strategy(Strategy.dno().withIterations(2).withSamplesPerPrompt(3));
    }

    @Test
    void fullFineTuningIsByteIdentical() {
        Path inProcess = tmp.resolve("in-process");
        Path spark = tmp.resolve("spark");
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 11)) {
            dno(WORLD, policy, inProcess).build().run();
        }
        SparkEngine engine;
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 11)) {
            engine = cluster.engine(PolicySource.of(spark.resolve("iter-0/checkpoint")), new ReverseRuleJudge(0));
            dno(WORLD, policy, spark).engine(engine).build().run();
        }
        assertSame(inProcess, spark, engine);
    }

    @Test
    void loraIsByteIdentical() throws IOException {
        Path base = tmp.resolve("base");
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 12)) {
            policy.save(base);
        }
        LoraConfig lora = LoraConfig.of(4, 8, 0, LoraConfig.ALL_PROJECTIONS);
        Path inProcess = tmp.resolve("lora-in-process");
        Path spark = tmp.resolve("lora-spark");
        runLora(base, lora, inProcess, b -> b);
        SparkEngine engine = cluster.engine(new AdapterSource(PolicySource.of(base), "none"), new ReverseRuleJudge(0));
        runLora(base, lora, spark, b -> b.engine(engine));
        assertSame(inProcess, spark, engine);
        assertTrue(Files.exists(spark.resolve("iter-2/checkpoint/adapter_model.safetensors")));
    }

    private static void runLora(Path base, LoraConfig lora, Path run, Function<Alignment.Builder, Alignment.Builder> b) {
        try (TransformerPolicy policy = PolicySource.of(base).load();
             LoraAdapter adapter = LoraAdapter.attach(policy.model(), lora, 5)) {
            b.apply(dno(WORLD, policy, run).adapter(adapter)).build().run();
        }
    }

    private static void assertSame(Path inProcess, Path spark, SparkEngine engine) {
        int compared = RunFiles.assertIdentical(inProcess, spark);
        List<String> files = List.copyOf(RunFiles.files(spark));
        for (int t = 1; t <= 2; t++) {
            String checkpoint = "iter-" + t + "/checkpoint/";
            assertTrue(files.containsAll(RunFiles.artifacts(t)), "iteration " + t + " lacks an artifact: " + files);
            assertTrue(files.stream().anyMatch(f -> f.startsWith(checkpoint)), checkpoint + " is missing");
        }
        assertTrue(compared > 20, "compared " + compared + " files");
        try (Stream<Path> walk = Files.walk(spark)) {
            assertFalse(walk.anyMatch(p -> p.getFileName().toString().endsWith("-parts")),
                    "every stage removes its parts once its artifact is written");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // the engine really ran the stages, in several chunks: 100 prompts a partition, 40 held out
        List<CallTrace> traces = engine.traces();
        CallTrace sample = traces.stream().filter(t -> t.call().equals("iter-1 sample")).findFirst().orElseThrow();
        assertEquals(4, sample.chunks());
        assertEquals(4, sample.computed());
        assertTrue(sample.tokens() > 0);
        assertEquals(2, traces.stream().filter(t -> t.call().equals("iter-0 eval-decode")).findFirst().orElseThrow()
                .computed());
        assertTrue(traces.stream().anyMatch(t -> t.call().equals("iter-2 reference") && t.computed() >= 2),
                "reference log-probs ran in several chunks: " + traces);
        assertTrue(traces.stream().anyMatch(t -> t.call().equals("iter-1 annotate") && t.computed() == 4));
    }
}
