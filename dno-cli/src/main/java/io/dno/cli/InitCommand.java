package io.dno.cli;

import io.dno.cli.init.ProjectScaffold;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dno init --out DIR}: a runnable project to start from (see {@link ProjectScaffold}). */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a runnable DNO project: a tiny model with its tokenizer, prompts, teacher answers, "
                + "held-out prompts, an offline judge and a commented run.yaml using every section.",
            "Then: dno run --config DIR/run.yaml --out DIR/runs/dno (about a minute on 2 CPU cores)."})
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "project directory to create")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the model and the data (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        ProjectScaffold.write(out, seed);
        var o = spec.commandLine().getOut();
        o.printf("wrote a DNO project to %s: %s%n", out, String.join(", ", ProjectScaffold.FILES));
        o.printf("run it:  dno run --config %s --out %s%n", out.resolve("run.yaml"), out.resolve("runs").resolve("dno"));
        o.flush();
        return 0;
    }
}
