package io.dno.cli.bench;

import ai.djl.Device;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dno.core.io.Json;
import io.dno.core.model.AttentionKernel;
import io.dno.core.model.Devices;
import io.dno.core.model.Precision;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dno bench train|generate|e2e|spark}: speed of the training step, of decoding, of one DNO iteration and of
 * SAMPLE on Spark executors,
 * every compared variant measured in the same run, interleaved, medians reported (BENCHMARKS.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure training, generation and DNO-iteration speed (BENCHMARKS.md has the commands).",
            "Variants given as lists (--threads 1,2) run interleaved in one process; the last is the headline."},
        subcommands = {BenchCommand.Train.class, BenchCommand.Generate.class, BenchCommand.E2e.class,
            BenchCommand.Curve.class, BenchCommand.Spark.class})
public final class BenchCommand implements Runnable {
    private static final ObjectMapper JSON = Json.mapper().copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every bench subcommand takes. */
    static final class Common {
        @Option(names = "--preset", defaultValue = "tiny",
                description = "tiny (109k params, seq 64), small (24.6M, seq 256), base (100M, seq 512), qwen05b (Qwen2.5-0.5B's"
                        + " shape, 494M, seq 256) (default: ${DEFAULT-VALUE})")
        BenchPreset.Name preset;

        @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
        String device;

        @Option(names = "--threads", split = ",", paramLabel = "N[,N...]",
                description = "PyTorch intra-op threads; a list compares them (default: PyTorch's)")
        List<Integer> threads;

        @Option(names = "--attention", split = ",", paramLabel = "naive|fused[,...]",
                description = "attention kernel; a list compares them (default: the model's default, ${DEFAULT-VALUE})",
                defaultValue = "fused")
        List<String> attention;

        @Option(names = "--precision", split = ",", paramLabel = "f32|bf16[,...]", defaultValue = "f32",
                description = "number format of the matrix products (weights stay f32); a list compares them and"
                        + " reports bf16_speedup (default: ${DEFAULT-VALUE})")
        List<String> precision;

        @Option(names = "--warmup", defaultValue = "1", description = "untimed repetitions first (default: ${DEFAULT-VALUE})")
        int warmup;

        @Option(names = "--reps", defaultValue = "5", description = "timed repetitions; medians reported (default: ${DEFAULT-VALUE})")
        int reps;

        @Option(names = "--json", description = "print one JSON object instead of the indented report")
        boolean json;

        Device device() {
            return Devices.requireUsable(Devices.parse(device));
        }

        BenchPreset preset() {
            return BenchPreset.of(preset);
        }

        List<Variant> variants() {
            if (warmup < 0 || reps < 1) {
                throw new IllegalArgumentException("--warmup must be >= 0 and --reps >= 1, got " + warmup + " and " + reps);
            }
            List<Integer> counts = threads == null || threads.isEmpty() ? List.of(IntraOpThreads.get()) : threads;
            List<Variant> out = new ArrayList<>();
            for (int t : counts) {
                if (t < 1) {
                    throw new IllegalArgumentException("--threads: every count must be >= 1, got " + t);
                }
                for (String a : attention) {
                    for (String p : precision) {
                        out.add(new Variant(t, kernel(a), precision(p)));
                    }
                }
            }
            return out;
        }

        private static AttentionKernel kernel(String name) {
            return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "naive" -> AttentionKernel.NAIVE;
                case "fused" -> AttentionKernel.FUSED;
                default -> throw new IllegalArgumentException("--attention: '" + name + "' is not naive or fused");
            };
        }

        private static Precision precision(String name) {
            return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "f32", "fp32", "float32" -> Precision.F32;
                case "bf16", "bfloat16" -> Precision.BF16;
                default -> throw new IllegalArgumentException("--precision: '" + name + "' is not f32 or bf16");
            };
        }

        int print(CommandSpec spec, Map<String, Object> result) {
            PrintWriter out = spec.commandLine().getOut();
            try {
                out.println(json ? JSON.writeValueAsString(result)
                        : JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the benchmark result as JSON", e);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "ms/step, tokens/s and MFU of a DPO step (chosen + rejected in one pass) and of an SFT step.")
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--reference", paramLabel = "python",
                description = "also time the same model and steps in PyTorch (python) in this run")
        String reference;

        @Option(names = "--lora-rank", defaultValue = "0",
                description = "train LoRA adapters of this rank (alpha 2r, all seven projections) instead of every"
                        + " weight; 0 = full fine-tuning (default: ${DEFAULT-VALUE})")
        int loraRank;

        @Option(names = "--python", defaultValue = "/usr/bin/python3",
                description = "interpreter with torch for --reference python (default: ${DEFAULT-VALUE})")
        String python;

        @Override
        public Integer call() {
            Optional<PythonReference.Settings> py = Optional.empty();
            if (reference != null) {
                if (!reference.equals("python")) {
                    throw new IllegalArgumentException("--reference: only 'python' is supported, got '" + reference + "'");
                }
                py = Optional.of(new PythonReference.Settings(python, common.variants().get(0).threads()));
            }
            if (loraRank < 0) {
                throw new IllegalArgumentException("--lora-rank must be >= 0 (0 = full fine-tuning), got " + loraRank);
            }
            if (loraRank > 0 && py.isPresent()) {
                throw new IllegalArgumentException("--reference python times full fine-tuning: drop --lora-rank");
            }
            return common.print(spec, TrainBench.run(common.preset(), common.device(), common.variants(),
                    common.warmup, common.reps, py, loraRank));
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Greedy decoding tokens/s with the KV cache at batch 1 and a large batch, and without it (kv_speedup).")
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--new-tokens", defaultValue = "256", description = "tokens generated per row (default: ${DEFAULT-VALUE})")
        int newTokens;

        @Option(names = "--prompt-tokens", defaultValue = "16", description = "prompt length (default: ${DEFAULT-VALUE})")
        int promptTokens;

        @Option(names = "--batch", defaultValue = "64", description = "the large batch (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--recompute-large-batch",
                description = "also decode the large batch without the cache (slow: quadratic in --new-tokens)")
        boolean recomputeLargeBatch;

        @Override
        public Integer call() {
            if (newTokens < 1 || promptTokens < 1 || batch < 1) {
                throw new IllegalArgumentException("--new-tokens, --prompt-tokens and --batch must be >= 1");
            }
            return common.print(spec, GenerateBench.run(common.preset(), common.device(), common.variants(),
                    common.warmup, common.reps, newTokens, promptTokens, batch, recomputeLargeBatch));
        }
    }

    @Command(name = "e2e", mixinStandardHelpOptions = true,
            description = "Wall time of one DNO iteration (sample K, annotate with a rule, pair, reference, train) by stage.")
    static final class E2e implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--prompts", defaultValue = "16", description = "prompts in the iteration (default: ${DEFAULT-VALUE})")
        int prompts;

        @Option(names = "--k", defaultValue = "5", description = "samples per prompt (default: ${DEFAULT-VALUE})")
        int k;

        @Option(names = "--new-tokens", defaultValue = "64", description = "max tokens per sample (default: ${DEFAULT-VALUE})")
        int newTokens;

        @Option(names = "--prompt-tokens", defaultValue = "32", description = "prompt length (default: ${DEFAULT-VALUE})")
        int promptTokens;

        @Override
        public Integer call() {
            if (prompts < 1 || k < 2 || newTokens < LowIdRuleAnnotator.SCORED_TOKENS || promptTokens < 1) {
                throw new IllegalArgumentException("--prompts >= 1, --k >= 2, --new-tokens >= "
                        + LowIdRuleAnnotator.SCORED_TOKENS + " and --prompt-tokens >= 1 are needed");
            }
            List<Variant> variants = common.variants();
            return common.print(spec, E2eBench.run(common.preset(), common.device(), variants.get(variants.size() - 1),
                    prompts, k, promptTokens, newTokens));
        }
    }

    @Command(name = "spark", mixinStandardHelpOptions = true,
            description = {"SAMPLE of one iteration in process and on a standalone Spark cluster on 127.0.0.1 with 1 and 2 "
                    + "executors: tokens/s, model loading, decoding, writing parts, Spark's fixed cost per stage call.",
                "Needs Spark's jars: run it through ./dno."})
    static final class Spark implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--preset", defaultValue = "small",
                description = "tiny, small or base (default: ${DEFAULT-VALUE})")
        BenchPreset.Name preset;

        @Option(names = "--prompts", defaultValue = "64", description = "prompts sampled (default: ${DEFAULT-VALUE})")
        int prompts;

        @Option(names = "--k", defaultValue = "5", description = "samples per prompt (default: ${DEFAULT-VALUE})")
        int k;

        @Option(names = "--new-tokens", defaultValue = "32", description = "max tokens per sample (default: ${DEFAULT-VALUE})")
        int newTokens;

        @Option(names = "--executors", split = ",", defaultValue = "1,2",
                description = "executor counts compared, one core each (default: ${DEFAULT-VALUE})")
        List<Integer> executors;

        @Option(names = "--threads", split = ",", defaultValue = "1,2", paramLabel = "N[,N...]",
                description = "PyTorch threads of the in-process variants (default: ${DEFAULT-VALUE}); executors use 1")
        List<Integer> threads;

        @Option(names = "--reps", defaultValue = "3",
                description = "warm calls per variant after the cold one; medians reported (default: ${DEFAULT-VALUE})")
        int reps;

        @Option(names = "--work-dir", paramLabel = "DIR",
                description = "model, cluster logs and parts, kept (default: a temporary folder, removed)")
        java.nio.file.Path workDir;

        @Option(names = "--json", description = "print one JSON object instead of the indented report")
        boolean json;

        @Override
        public Integer call() throws java.io.IOException {
            if (prompts < 1 || k < 1 || newTokens < 1 || reps < 1 || executors.stream().anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("--prompts, --k, --new-tokens, --reps and every --executors count must be >= 1");
            }
            BenchPreset p = BenchPreset.of(preset);
            java.nio.file.Path dir = workDir != null ? workDir : java.nio.file.Files.createTempDirectory("dno-bench-spark");
            Map<String, Object> result;
            try {
                result = io.dno.cli.spark.SparkBench.run(p.config(), ModelFlops.matmulParameters(p.config()), prompts,
                        k, newTokens, executors, threads, IntraOpThreads::set, reps, dir);
            } finally {
                if (workDir == null) {
                    io.dno.core.io.AtomicFiles.deleteTree(dir);
                }
            }
            Common format = new Common();
            format.json = json;
            return format.print(spec, result);
        }
    }

    @Command(name = "curve", mixinStandardHelpOptions = true,
            description = "Per-step SFT loss of the same run in each --precision (same weights, data, order), interleaved.")
    static final class Curve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--steps", defaultValue = "200", description = "optimiser steps per run (default: ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--learning-rate", defaultValue = "3e-4", description = "constant learning rate (default: ${DEFAULT-VALUE})")
        double learningRate;

        @Override
        public Integer call() {
            if (steps < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("--steps must be >= 1 and --learning-rate > 0");
            }
            return common.print(spec, LossCurveBench.run(common.preset(), common.device(), common.variants(), steps,
                    learningRate));
        }
    }
}
