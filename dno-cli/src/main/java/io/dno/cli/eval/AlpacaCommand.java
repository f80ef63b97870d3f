package io.dno.cli.eval;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dno eval alpaca}: AlpacaEval's two halves, writing the model's outputs and scoring judged pairs. */
@Command(name = "alpaca", mixinStandardHelpOptions = true,
        description = "AlpacaEval: write model_outputs.json for a prompt file (outputs), or compute AlpacaEval 2's "
                + "length-controlled win rate from judged pairs (lc).",
        subcommands = {AlpacaOutputsCommand.class, AlpacaLcCommand.class})
final class AlpacaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
