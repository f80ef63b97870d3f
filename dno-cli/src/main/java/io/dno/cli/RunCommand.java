package io.dno.cli;

import io.dno.core.AlignmentReport;
import io.dno.core.io.AtomicFiles;
import io.dno.cli.run.ResumeFile;
import io.dno.cli.run.RunConfig;
import io.dno.cli.run.RunSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dno run --config run.yaml --out DIR}: runs any strategy described by a YAML file (see
 * {@link RunConfig}). The configuration is copied into the run directory, so {@code dno resume DIR} continues
 * it from its last complete stage even if the original file moves.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a strategy (sft, dpo, spin, dno, ...) from a YAML configuration into a run directory.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "run configuration (YAML)")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "run directory (created or resumed)")
    Path out;

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "run SAMPLE, ANNOTATE, REFERENCE and EVALUATE on Spark at this master (local[N], "
                    + "spark://host:7077, ...), overriding the configuration's engine section")
    String sparkMaster;

    @Option(names = "--base-dir", hidden = true, paramLabel = "DIR",
            description = "directory that relative paths in the configuration are resolved against "
                    + "(default: the configuration file's directory)")
    Path baseDir;

    @Override
    public Integer call() throws IOException {
        RunConfig parsed = RunSetup.read(config);
        if (sparkMaster != null) {
            parsed = parsed.withSparkMaster(sparkMaster);
        }
        Path base = (baseDir != null ? baseDir : config.toAbsolutePath().getParent()).toAbsolutePath();
        Path runDir = out.toAbsolutePath();
        boolean fresh = !Files.exists(runDir);
        Files.createDirectories(runDir);
        Path copy = runDir.resolve("run.yaml");
        if (!Files.exists(copy) || !Files.isSameFile(copy, config.toAbsolutePath())) {
            AtomicFiles.writeString(copy, Files.readString(config));
        }
        List<String> resume = new ArrayList<>(List.of("run", "--config", copy.toString(), "--base-dir",
                base.toString(), "--out", runDir.toString()));
        if (sparkMaster != null) {
            resume.addAll(List.of("--spark-master", sparkMaster));
        }
        new ResumeFile(resume).write(runDir);
        try (RunSetup setup = open(parsed, base, runDir, fresh)) {
            AlignmentReport report = setup.alignment().run();
            spec.commandLine().getOut().printf("%s: %d iterations; report: %s%n", report.strategy(),
                    report.iterations().size() - 1, runDir.resolve("report.md"));
        }
        return 0;
    }

    /** Opens the run's models and data; bad input leaves no run directory behind when this call created it. */
    private RunSetup open(RunConfig parsed, Path base, Path runDir, boolean fresh) throws IOException {
        try {
            return RunSetup.open(parsed, base, runDir, List.of(new ConsoleProgress(spec)));
        } catch (RuntimeException e) {
            if (fresh) {
                AtomicFiles.deleteTree(runDir);
            }
            throw e;
        }
    }
}
