package io.dno.cli.spark;

import io.dno.core.Plan;
import io.dno.core.Strategy;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.AtomicFiles;
import io.dno.core.loop.InProcessEngine;
import io.dno.core.loop.RunContext;
import io.dno.core.loop.RunDirectory;
import io.dno.core.loop.StageEngine;
import io.dno.core.model.PolicySource;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import io.dno.spark.CallTrace;
import io.dno.spark.LocalStandaloneCluster;
import io.dno.spark.SparkCluster;
import io.dno.spark.SparkEngine;
import io.dno.spark.SparkSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * {@code dno bench spark}: one iteration's SAMPLE (K answers per prompt) with the in-process engine and on a real
 * standalone cluster on 127.0.0.1 with 1 and 2 executors (one core and one PyTorch thread each), the same prompts
 * and checkpoint; for each, wall time, tokens/s, and where the time went (opening the model, decoding, writing parts,
 * merging, Spark's scheduling). The in-process engine runs once per given PyTorch thread count: a cold call (loading
 * the checkpoint into the live policy, as a stage does), then {@code reps} warm ones. Each Spark variant runs a cold
 * call (executors open the model), then {@code reps} warm ones (cached policy). Each warm call is followed by a
 * one-prompt, one-token call: the fixed cost of a stage call. Medians are reported; every variant's answers are
 * checked equal to the in-process ones.
 */
public final class SparkBench {
    private SparkBench() {}

    /**
     * @param config     the model's shape (random weights)
     * @param parameters the weights a token multiplies (2 FLOPs each per decoded token)
     * @param prompts    prompts sampled (chunks of 32)
     * @param k          answers per prompt
     * @param newTokens  most tokens per answer (sampling at temperature 1 rarely stops early on random weights)
     * @param executors  executor counts to compare, e.g. 1, 2
     * @param inProcessThreads PyTorch intra-op thread counts of the in-process variants (executors use one each)
     * @param setThreads sets this JVM's PyTorch intra-op threads
     * @param reps       warm calls per variant (medians reported), each followed by the one-token probe
     * @param workDir    where the model, the cluster's logs and the parts go
     */
    public static Map<String, Object> run(TransformerConfig config, long parameters, int prompts, int k, int newTokens,
                                          List<Integer> executors, List<Integer> inProcessThreads,
                                          IntConsumer setThreads, int reps, Path workDir) {
        SparkEngines.requireSparkJars("a local standalone cluster");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("load_average_before", loadAverage());
        try {
            Files.createDirectories(workDir);
            Path model = workDir.resolve("model");
            List<Prompt> promptList = prompts(prompts);
            writeModel(config, model);
            SamplingParams params = new SamplingParams(k, 1.0, 1.0, 0, newTokens, 7);
            result.put("settings", Map.of("matmul_parameters", parameters, "prompts", prompts, "k", k,
                    "max_new_tokens", newTokens, "chunks", (prompts + StageEngine.CHUNK_PROMPTS - 1)
                            / StageEngine.CHUNK_PROMPTS));

            List<List<Response>> expected = null;
            List<Object> inProcess = new ArrayList<>();
            try (TransformerPolicy policy = PolicySource.of(model).load()) {       // starts PyTorch, untimed
                for (int threads : inProcessThreads) {
                    setThreads.accept(threads);
                    RunContext run = context(policy, workDir);
                    run.weightsChanged();                               // the cold call loads the checkpoint
                    Timed cold = time(() -> InProcessEngine.INSTANCE.generate(run, promptList, params, model, null));
                    if (expected == null) {
                        expected = cold.answers();
                    } else if (!cold.answers().equals(expected)) {
                        throw new IllegalStateException("bench spark: the in-process answers with " + threads
                                + " thread(s) differ from those with " + inProcessThreads.get(0));
                    }
                    long tokens = tokens(policy, expected);
                    List<Double> warm = new ArrayList<>();
                    List<Double> probe = new ArrayList<>();
                    for (int r = 0; r < reps; r++) {
                        warm.add(time(() -> InProcessEngine.INSTANCE.generate(run, promptList, params, model, null))
                                .seconds());
                        probe.add(time(() -> InProcessEngine.INSTANCE.generate(run, promptList.subList(0, 1),
                                params.withN(1).withMaxNewTokens(1), model, null)).seconds());
                    }
                    Map<String, Object> variant = new LinkedHashMap<>();
                    variant.put("threads", threads);
                    variant.put("cold", Map.of("wall_s", cold.seconds(), "tokens", tokens, "tokens_per_s",
                            tokens / cold.seconds()));
                    variant.put("warm", Map.of("wall_s", median(warm), "tokens", tokens, "tokens_per_s",
                            tokens / median(warm)));
                    variant.put("fixed_overhead_s", median(probe));
                    inProcess.add(variant);
                }
            }
            result.put("in_process", inProcess);

            int maxExecutors = executors.stream().mapToInt(Integer::intValue).max().orElse(1);
            long clusterStart = System.nanoTime();
            try (LocalStandaloneCluster cluster = LocalStandaloneCluster.start(workDir.resolve("cluster"), maxExecutors,
                    1, "2g", Duration.ofMinutes(3))) {
                result.put("cluster_start_s", (System.nanoTime() - clusterStart) / 1e9);
                List<Object> variants = new ArrayList<>();
                for (int n : executors) {
                    variants.add(sparkVariant(cluster, n, model, promptList, params, expected, reps, workDir));
                }
                result.put("spark", variants);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bench spark: " + e.getMessage(), e);
        }
        result.put("load_average_after", loadAverage());
        return result;
    }

    private static Map<String, Object> sparkVariant(LocalStandaloneCluster cluster, int executors, Path model,
                                                    List<Prompt> prompts, SamplingParams params,
                                                    List<List<Response>> expected, int reps, Path workDir) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("executors", executors);
        Map<String, String> conf = new LinkedHashMap<>(cluster.driverConf());
        conf.put("spark.cores.max", Integer.toString(executors));
        conf.put("spark.executor.cores", "1");
        conf.put("spark.executor.memory", "1g");
        conf.put("spark.executor.extraJavaOptions", "-Dai.djl.pytorch.num_threads=1 "
                + "-Dai.djl.pytorch.num_interop_threads=1");
        long start = System.nanoTime();
        try (SparkCluster spark = SparkCluster.connect(SparkSettings.of(cluster.masterUrl()).withConf(conf))) {
            spark.awaitExecutors(executors, Duration.ofMinutes(3));
            out.put("app_start_s", (System.nanoTime() - start) / 1e9);
            SparkEngine engine = spark.engine(PolicySource.of(model), null);
            RunContext run = context(null, workDir);
            String tag = "e" + executors;
            int call = 0;
            List<CallTrace> warm = new ArrayList<>();
            List<Double> probe = new ArrayList<>();
            for (int r = 0; r <= reps; r++) {
                List<List<Response>> answers = engine.generate(run, prompts, params, model,
                        workDir.resolve(tag + "-" + call++ + "/sample-parts"));
                if (!answers.equals(expected)) {
                    throw new IllegalStateException("bench spark: the answers of " + executors + " executor(s) "
                            + "differ from the in-process engine's");
                }
                CallTrace t = engine.traces().get(engine.traces().size() - 1);
                if (r == 0) {
                    out.put("cold", trace(t));
                    continue;
                }
                warm.add(t);
                engine.generate(run, prompts.subList(0, 1), params.withN(1).withMaxNewTokens(1), model,
                        workDir.resolve(tag + "-" + call++ + "/sample-parts"));
                probe.add(engine.traces().get(engine.traces().size() - 1).wallSeconds());
            }
            warm.sort(java.util.Comparator.comparingDouble(CallTrace::wallSeconds));
            out.put("warm", trace(warm.get(warm.size() / 2)));
            out.put("fixed_overhead_s", median(probe));
            out.put("answers_equal_in_process", true);
        }
        return out;
    }

    private record Timed(List<List<Response>> answers, double seconds) {}

    private static Timed time(java.util.function.Supplier<List<List<Response>>> call) {
        long start = System.nanoTime();
        List<List<Response>> answers = call.get();
        return new Timed(answers, (System.nanoTime() - start) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    private static Map<String, Object> trace(CallTrace t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall_s", t.wallSeconds());
        m.put("tokens", t.tokens());
        m.put("tokens_per_s", t.tokens() / t.wallSeconds());
        m.put("job_s", t.jobSeconds());
        m.put("spark_overhead_s", t.overheadSeconds());
        m.put("load_model_s", t.loadSeconds());
        m.put("sample_s", t.computeSeconds());
        m.put("write_s", t.writeSeconds());
        m.put("merge_s", t.mergeSeconds());
        m.put("executors_used", t.executors().size());
        return m;
    }

    /** A run context over {@code policy} (the in-process engine's live policy; null for Spark, which needs none). */
    private static RunContext context(TransformerPolicy policy, Path dir) {
        return new RunContext(new Plan(policy, Strategy.dno(), new Plan.Data(List.of(), List.of(), List.of(),
                List.of(), List.of()), new Plan.Judging(null, null, 1), null, null, 0, new RunDirectory(dir),
                List.of(), InProcessEngine.INSTANCE));
    }

    private static void writeModel(TransformerConfig config, Path dir) {
        Path tokenizerDir = CharTokenizer.write(dir.resolveSibling("tokenizer"), CharTokenizer.alphabetOf(
                "abcdefghijklmnopqrstuvwxyz "));
        try (TransformerPolicy policy = new TransformerPolicy(Transformer.random(config, 1),
                HfTokenizer.load(tokenizerDir), TransformerPolicy.Options.defaults().withTokenizerDir(tokenizerDir))) {
            AtomicFiles.writeDirectory(dir, policy::save);
        }
    }

    private static List<Prompt> prompts(int n) {
        SplittableRandom random = new SplittableRandom(11);
        List<Prompt> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < 16; c++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            out.add(Prompt.of("p" + i, text.toString()));
        }
        return out;
    }

    private static long tokens(TransformerPolicy policy, List<List<Response>> answers) {
        long n = 0;
        for (List<Response> list : answers) {
            for (Response r : list) {
                n += policy.responseIds(r.text()).length;
            }
        }
        return n;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
