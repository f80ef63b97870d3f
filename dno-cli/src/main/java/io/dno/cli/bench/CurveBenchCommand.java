package io.dno.cli.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dno bench curve}: the SFT loss curve of one run in each precision, interleaved. */
@Command(name = "curve", mixinStandardHelpOptions = true,
        description = "Per-step SFT loss of the same run in each --precision (same weights, data, order), interleaved.")
final class CurveBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    @Option(names = "--steps", defaultValue = "200", description = "optimiser steps per run (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--learning-rate", defaultValue = "3e-4", description = "constant learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Override
    public Integer call() {
        if (steps < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("--steps must be >= 1 and --learning-rate > 0");
        }
        return options.print(spec, LossCurveBench.run(options.preset(), options.device(), options.variants(), steps,
                learningRate));
    }
}
