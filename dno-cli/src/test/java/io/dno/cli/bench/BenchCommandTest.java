package io.dno.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.Json;
import io.dno.cli.CliRun;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The JSON contract of {@code dno bench}: each subcommand runs on the {@code tiny} preset with one repetition
 * and prints the documented fields, with positive values. Not a timed test: no speed is asserted. One tiny run
 * ({@code e2e}) and the error cases run in every {@code mvn verify}; the other benchmark runs are tagged
 * {@value #BENCH}, left out by default ({@code mvn verify -Pbench-tests} runs them).
 */
class BenchCommandTest {
    static final String BENCH = "bench";

    @Test
    @Tag(BENCH)
    void trainReportsStepSpeedMfuAndPeak() throws Exception {
        JsonNode r = runJson("bench", "train", "--preset", "tiny", "--warmup", "0", "--reps", "1", "--threads", "1",
                "--attention", "naive,fused", "--json");
        for (String field : List.of("tokens_per_s", "ms_per_step", "mfu", "peak_gflops", "peak_rss_mib",
                "flops_per_step", "parameters")) {
            assertPositive(r, field);
        }
        assertEquals("threads=1 attention=fused", r.get("headline_variant").asText());
        assertEquals(2, r.get("variants").size());
        for (JsonNode v : r.get("variants")) {
            for (String kind : List.of("dpo", "sft")) {
                assertPositive(v.get(kind), "ms_per_step");
                assertPositive(v.get(kind), "tokens_per_s");
                assertPositive(v.get(kind), "mfu");
            }
        }
        assertEquals(512, r.get("tokens_per_step").asLong());        // 4 pairs x 2 sides x 64 tokens
    }

    @Test
    @Tag(BENCH)
    void sparkComparesTheEnginesOnARealClusterWithEqualAnswers() throws Exception {
        JsonNode r = runJson("bench", "spark", "--preset", "tiny", "--prompts", "40", "--k", "2", "--new-tokens", "4",
                "--reps", "1", "--executors", "1", "--threads", "1", "--json");
        assertEquals(2, r.get("settings").get("chunks").asInt());
        assertPositive(r.get("in_process").get(0).get("warm"), "tokens_per_s");
        JsonNode spark = r.get("spark").get(0);
        assertEquals(1, spark.get("executors").asInt());
        assertTrue(spark.get("answers_equal_in_process").asBoolean());
        for (String call : List.of("cold", "warm")) {
            assertPositive(spark.get(call), "tokens_per_s");
            assertPositive(spark.get(call), "sample_s");
            assertEquals(1, spark.get(call).get("executors_used").asInt());
        }
        assertPositive(spark.get("cold"), "load_model_s");
        assertEquals(0.0, spark.get("warm").get("load_model_s").asDouble(), "the warm call reuses the policy");
        assertPositive(spark, "fixed_overhead_s");
    }

    @Test
    @Tag(BENCH)
    void trainWithThePythonReferenceReportsTheRatio() throws Exception {
        assumeTrue(torchAvailable(), "/usr/bin/python3 has no torch");
        JsonNode r = runJson("bench", "train", "--preset", "tiny", "--warmup", "0", "--reps", "1", "--threads", "1",
                "--reference", "python", "--json");
        JsonNode py = r.get("reference_python");
        assertPositive(py.get("dpo"), "ms_per_step");
        assertPositive(py, "dpo_ratio");
        assertPositive(py, "peak_gflops_512");
        assertPositive(py, "sft_ratio");
        assertEquals(r.get("tokens_per_s").asDouble() / py.get("dpo").get("tokens_per_s").asDouble(),
                py.get("dpo_ratio").asDouble(), 1e-9);
        assertEquals(py.get("dpo_ratio").asDouble(), r.get("python_ratio").asDouble(), 1e-12);
        assertPositive(py, "peak_gflops");                               // 1024³ beside its steps, as Java's
        assertTrue(py.get("blas").has("build") && py.get("blas").get("loaded").isArray(), py.toString());
    }

    @Test
    void trainComparesPrecisionsAndReportsTheBf16Speedup() throws Exception {
        JsonNode r = runJson("bench", "train", "--preset", "tiny", "--warmup", "0", "--reps", "1", "--threads", "1",
                "--precision", "f32,bf16", "--json");
        assertEquals("threads=1 attention=fused precision=bf16", r.get("headline_variant").asText());
        JsonNode v = r.get("variants");
        assertEquals(List.of("threads=1 attention=fused", "threads=1 attention=fused precision=bf16"),
                List.of(v.get(0).get("variant").asText(), v.get(1).get("variant").asText()));
        assertEquals(v.get(1).get("dpo").get("tokens_per_s").asDouble() / v.get(0).get("dpo").get("tokens_per_s").asDouble(),
                r.get("bf16_speedup").asDouble(), 1e-9);
        assertTrue(r.get("load_average").isArray(), r.toString());
        CliRun bad = CliRun.of("bench", "train", "--precision", "fp8");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--precision: 'fp8' is not f32 or bf16"), bad.err());
    }

    @Test
    void curveReportsOneLossPerStepAndPrecision() throws Exception {
        JsonNode r = runJson("bench", "curve", "--preset", "tiny", "--steps", "3", "--threads", "1",
                "--precision", "f32,bf16", "--learning-rate", "1e-2", "--json");
        JsonNode f32 = r.get("losses").get("threads=1 attention=fused");
        JsonNode bf16 = r.get("losses").get("threads=1 attention=fused precision=bf16");
        assertEquals(3, f32.size());
        assertEquals(3, bf16.size());
        // the same initial weights and batch: the first losses agree to bf16's precision, and the run learns
        assertEquals(f32.get(0).asDouble(), bf16.get(0).asDouble(), 0.02 * f32.get(0).asDouble());
        assertTrue(f32.get(2).asDouble() < f32.get(0).asDouble(), f32.toString());
        assertTrue(bf16.get(2).asDouble() < bf16.get(0).asDouble(), bf16.toString());
    }

    @Test
    @Tag(BENCH)
    void generateReportsCachedSpeedAndKvSpeedup() throws Exception {
        JsonNode r = runJson("bench", "generate", "--preset", "tiny", "--warmup", "0", "--reps", "1",
                "--new-tokens", "6", "--batch", "3", "--json");
        assertPositive(r, "tokens_per_s");
        assertPositive(r, "tokens_per_s_large_batch");
        assertPositive(r, "kv_speedup");
        JsonNode timings = r.get("variants").get(0).get("timings");
        assertEquals(3, timings.size());
        assertEquals(3, timings.get(2).get("batch").asInt());
        assertTrue(timings.get(0).get("cache").asBoolean() && !timings.get(1).get("cache").asBoolean());
        for (String field : List.of("memory_gb_per_s", "bandwidth_bound_tokens_per_s", "bandwidth_fraction",
                "weight_bytes_per_token")) {
            assertPositive(r, field);
        }
        assertEquals(r.get("tokens_per_s").asDouble() / r.get("bandwidth_bound_tokens_per_s").asDouble(),
                r.get("bandwidth_fraction").asDouble(), 1e-9);
    }

    @Test
    void e2eReportsEveryStage() throws Exception {
        JsonNode r = runJson("bench", "e2e", "--preset", "tiny", "--prompts", "6", "--k", "8", "--new-tokens", "8",
                "--json");
        JsonNode stages = r.get("seconds_by_stage");
        List<String> names = List.of("sample", "annotate", "pair", "reference", "train");
        assertEquals(names, List.copyOf(iterable(stages.fieldNames())));
        assertTrue(r.get("pairs").asInt() > 0, "the seeded run builds pairs, so every stage runs: " + r);
        double sum = 0;
        for (String stage : names) {
            assertPositive(stages, stage);
            sum += stages.get(stage).asDouble();
        }
        assertEquals(sum, r.get("seconds_total").asDouble(), 1e-9, "the total is the sum of the stages");
        assertEquals(stages.get("sample").asDouble() / sum, r.get("sampling_share").asDouble(), 1e-9);
    }

    @Test
    void aMissingGpuAndBadOptionsAreClearErrors() {
        assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        CliRun gpu = CliRun.of("bench", "train", "--device", "gpu", "--json");
        assertEquals(2, gpu.exitCode());
        assertTrue(gpu.err().contains("device gpu:0 was asked for") && gpu.err().contains("PYTORCH_LIBRARY_PATH"), gpu.err());
        CliRun threads = CliRun.of("bench", "generate", "--threads", "0");
        assertEquals(2, threads.exitCode());
        assertTrue(threads.err().contains("--threads"), threads.err());
        CliRun kernel = CliRun.of("bench", "train", "--attention", "flash");
        assertEquals(2, kernel.exitCode());
        assertTrue(kernel.err().contains("--attention: 'flash' is not naive or fused"), kernel.err());
        CliRun device = CliRun.of("bench", "e2e", "--device", "tpu");
        assertEquals(2, device.exitCode());
        assertTrue(device.err().contains("cpu, gpu or gpu:N"), device.err());
    }

    private static void assertPositive(JsonNode node, String field) {
        assertTrue(node.has(field), "missing " + field + " in " + node);
        double v = node.get(field).asDouble();
        assertTrue(v > 0 && Double.isFinite(v), field + " = " + v + " in " + node);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static boolean torchAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").start();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static JsonNode runJson(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.err());
        return Json.mapper().readTree(r.out());
    }

}
