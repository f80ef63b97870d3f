package io.dno.cli.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dno bench generate}: decoding speed with and without the KV cache. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Greedy decoding tokens/s with the KV cache at batch 1 and a large batch, and without it (kv_speedup).")
final class GenerateBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

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
        return options.print(spec, GenerateBench.run(options.preset(), options.device(), options.variants(),
                options.warmup, options.reps, newTokens, promptTokens, batch, recomputeLargeBatch));
    }
}
