package io.dno.cli;

import io.dno.core.IterationReport;
import io.dno.core.RunListener;
import io.dno.core.loop.Stage;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** Prints one line per stage and per iteration, so a long run shows where it is. */
final class ConsoleProgress implements RunListener {
    private final PrintWriter out;

    ConsoleProgress(CommandSpec spec) {
        this.out = spec.commandLine().getErr();
    }

    @Override
    public void onStageEnd(String step, Stage stage, double seconds, boolean resumed) {
        out.printf(Locale.ROOT, "%-10s %-10s %s%n", step, stage.label(),
                resumed ? "already complete" : String.format(Locale.ROOT, "%.1f s", seconds));
        out.flush();
    }

    @Override
    public void onIteration(IterationReport r) {
        if (r.evaluation() != null) {
            out.printf(Locale.ROOT, "%-10s win rate vs teacher %.3f (LC %.3f), mean score %.2f, length %.0f%n",
                    r.step(), r.evaluation().winRate(), r.evaluation().lengthControlledWinRate(),
                    r.evaluation().meanScore(), r.evaluation().meanLength());
            out.flush();
        }
    }
}
