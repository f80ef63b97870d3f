package io.dno.cli;

import io.dno.core.checkpoint.CheckpointException;
import io.dno.core.io.DataFileException;
import io.dno.cli.bench.BenchCommand;
import io.dno.cli.eval.EvalCommand;
import io.dno.cli.nash.NashCommand;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dno} command: preference alignment of language models, Direct Nash Optimization first. */
@Command(name = "dno",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Post-train language models from preference feedback: DNO, SPIN, DPO, SFT.",
        subcommands = {
            QuickstartCommand.class,
            NashCommand.class,
            RunCommand.class,
            ResumeCommand.class,
            RollbackCommand.class,
            PairsCommand.class,
            InitCommand.class,
            InitModelCommand.class,
            LogprobsCommand.class,
            GenerateCommand.class,
            ServeCommand.class,
            EvalCommand.class,
            LoraCommand.class,
            DatasetCommand.class,
            MergeCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DnoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        CudaProbeLogging.quietWithoutDriver();                  // before anything loads DJL
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return create().execute(args);
    }

    /** The command line with its error handling: bad input prints "dno: message" and exits with 2. */
    static CommandLine create() {
        CommandLine cli = new CommandLine(new DnoCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof DataFileException || e instanceof IllegalArgumentException
                    || e instanceof UncheckedIOException || e instanceof IllegalStateException
                    || e instanceof CheckpointException) {
                commandLine.getErr().println("dno: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }
}
