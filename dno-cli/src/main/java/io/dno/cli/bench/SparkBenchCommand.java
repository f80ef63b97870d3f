package io.dno.cli.bench;

import io.dno.cli.spark.SparkBench;
import io.dno.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dno bench spark}: SAMPLE in process and on a local standalone Spark cluster, side by side. */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = {"SAMPLE of one iteration in process and on a standalone Spark cluster on 127.0.0.1 with 1 and 2 "
                + "executors: tokens/s, model loading, decoding, writing parts, Spark's fixed cost per stage call.",
            "Needs Spark's jars: run it through ./dno."})
final class SparkBenchCommand implements Callable<Integer> {
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
    Path workDir;

    @Mixin
    BenchReport report;

    @Override
    public Integer call() throws IOException {
        if (prompts < 1 || k < 1 || newTokens < 1 || reps < 1 || executors.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--prompts, --k, --new-tokens, --reps and every --executors count must be >= 1");
        }
        BenchPreset p = BenchPreset.of(preset);
        Path dir = workDir != null ? workDir : Files.createTempDirectory("dno-bench-spark");
        Map<String, Object> result;
        try {
            result = SparkBench.run(p.config(), ModelFlops.matmulParameters(p.config()), prompts,
                    k, newTokens, executors, threads, IntraOpThreads::set, reps, dir);
        } finally {
            if (workDir == null) {
                AtomicFiles.deleteTree(dir);
            }
        }
        return report.print(spec, result);
    }
}
