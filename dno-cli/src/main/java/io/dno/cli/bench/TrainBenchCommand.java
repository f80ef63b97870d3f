package io.dno.cli.bench;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dno bench train}: the speed of a DPO and an SFT step, full fine-tuning or LoRA, optionally beside PyTorch. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "ms/step, tokens/s and MFU of a DPO step (chosen + rejected in one pass) and of an SFT step.")
final class TrainBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

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
            py = Optional.of(new PythonReference.Settings(python, options.variants().get(0).threads()));
        }
        if (loraRank < 0) {
            throw new IllegalArgumentException("--lora-rank must be >= 0 (0 = full fine-tuning), got " + loraRank);
        }
        if (loraRank > 0 && py.isPresent()) {
            throw new IllegalArgumentException("--reference python times full fine-tuning: drop --lora-rank");
        }
        return options.print(spec, TrainBench.run(options.preset(), options.device(), options.variants(),
                options.warmup, options.reps, py, loraRank));
    }
}
