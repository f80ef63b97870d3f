package io.dno.cli.eval;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dno eval}: measure a policy the way the field does (lm-eval multiple choice, pair accuracy, AlpacaEval). */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a policy: multiple choice (lm-evaluation-harness acc/acc_norm), preference-pair "
                + "accuracy (TRL rewards/accuracies), AlpacaEval outputs and length-controlled win rate.",
        subcommands = {MultipleChoiceCommand.class, PairAccuracyCommand.class, AlpacaCommand.class})
public final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
