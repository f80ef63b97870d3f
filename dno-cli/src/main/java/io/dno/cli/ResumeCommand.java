package io.dno.cli;

import io.dno.cli.run.ResumeFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dno resume DIR}: continues a run directory from its last complete stage. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run directory (from dno run or dno quickstart) from its last complete stage.")
final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the run directory")
    Path dir;

    @Override
    public Integer call() {
        return DnoCommand.execute(ResumeFile.read(dir).args().toArray(String[]::new));
    }
}
