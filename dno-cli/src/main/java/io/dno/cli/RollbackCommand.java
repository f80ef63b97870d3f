package io.dno.cli;

import io.dno.core.loop.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dno rollback DIR --to N}: moves the iterations after N aside (into {@code rolled-back/}), so the next
 * {@code dno resume DIR} restarts from iteration N's checkpoint. Nothing is deleted.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Roll a run back to the end of iteration N (later iterations are moved aside, not deleted).")
final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the run directory")
    Path dir;

    @Option(names = "--to", required = true, paramLabel = "N", description = "keep iterations 0..N")
    int to;

    @Override
    public Integer call() {
        RunDirectory run = new RunDirectory(dir);
        Path moved = run.rollback(to);
        spec.commandLine().getOut().println(moved.equals(dir) || !Files.exists(moved)
                ? "nothing after iteration " + to + " to roll back"
                : "rolled back to iteration " + to + "; later iterations moved to " + moved
                        + "; continue with: dno resume " + dir);
        return 0;
    }
}
