package io.dno.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dno bench train|generate|e2e|curve|spark}: speed of the training step, of decoding, of one DNO iteration,
 * the loss curve per precision, and SAMPLE on Spark executors, every compared variant measured in the same run,
 * interleaved, medians reported (BENCHMARKS.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure training, generation and DNO-iteration speed (BENCHMARKS.md has the commands).",
            "Variants given as lists (--threads 1,2) run interleaved in one process; the last is the headline."},
        subcommands = {TrainBenchCommand.class, GenerateBenchCommand.class, E2eBenchCommand.class,
            CurveBenchCommand.class, SparkBenchCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
