package io.dno.cli.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dno bench e2e}: the wall time of one DNO iteration, stage by stage. */
@Command(name = "e2e", mixinStandardHelpOptions = true,
        description = "Wall time of one DNO iteration (sample K, annotate with a rule, pair, reference, train) by stage.")
final class E2eBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

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
        List<Variant> variants = options.variants();
        return options.print(spec, E2eBench.run(options.preset(), options.device(), variants.get(variants.size() - 1),
                prompts, k, promptTokens, newTokens));
    }
}
