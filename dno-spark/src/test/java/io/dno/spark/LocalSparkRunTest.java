package io.dno.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.Alignment;
import io.dno.core.Strategy;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.DataFileException;
import io.dno.core.loop.RunContext;
import io.dno.core.model.PolicySource;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.peft.AdapterSource;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.peft.LoraConfig;
import io.dno.core.policy.SamplingParams;
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

    @Test
    void aResumedCallSkipsFinishedPartsAndRejectsForeignOnes() throws IOException {
        Path model = tmp.resolve("model");
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 13)) {
            policy.save(model);
        }
        List<Prompt> prompts = WORLD.trainPrompts().subList(0, 70);                  // chunks of 32, 32 and 6
        SamplingParams params = SamplingParams.ancestral(3, 4).withSeed(9);
        SparkEngine engine = cluster.engine(PolicySource.of(model), null);
        RunContext run;
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 13)) {
            run = new RunContext(dno(WORLD, policy, tmp.resolve("unused")).build().plan());
        }
        Path first = tmp.resolve("first/sample-parts");
        List<List<Response>> fresh = engine.generate(run, prompts, params, model, first);
        assertEquals(3, last(engine).computed());

        // a resumed call finds chunk 1 done (here: by a marker no model writes) and a killed writer's temporary file
        Path second = Files.createDirectories(tmp.resolve("second/sample-parts"));
        List<String> marked = Files.readAllLines(first.resolve("part-00001.jsonl")).stream()
                .map(line -> line.replaceAll("\"text\":\"[^\"]*\"", "\"text\":\"MARKER\"")).toList();
        Files.write(second.resolve("part-00001.jsonl"), marked);
        Files.writeString(second.resolve(".part-00002.jsonl.123.tmp"), "torn");
        List<List<Response>> resumed = engine.generate(run, prompts, params, model, second);
        assertEquals(2, last(engine).computed());
        assertEquals(1, last(engine).skipped());
        assertEquals(fresh.subList(0, 32), resumed.subList(0, 32));
        assertEquals(fresh.subList(64, 70), resumed.subList(64, 70));
        assertTrue(resumed.subList(32, 64).stream().flatMap(List::stream).allMatch(r -> r.text().equals("MARKER")),
                "chunk 1 was taken from its part, not decoded again");
        assertFalse(Files.exists(second.resolve(".part-00002.jsonl.123.tmp")), "stale temporaries are removed");

        // a part of another run (other prompts) is named, with what to do
        Path third = Files.createDirectories(tmp.resolve("third/sample-parts"));
        Files.copy(first.resolve("part-00000.jsonl"), third.resolve("part-00002.jsonl"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> engine.generate(run, prompts, params, model, third));
        assertTrue(e.getMessage().contains("part-00002.jsonl") && e.getMessage().contains("delete"), e.getMessage());
    }

    private static CallTrace last(SparkEngine engine) {
        return engine.traces().get(engine.traces().size() - 1);
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
