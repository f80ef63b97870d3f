package io.dno.cli;

import io.dno.cli.quickstart.run.Quickstart;
import io.dno.cli.quickstart.run.QuickstartOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.cli.quickstart.student.Student;
import io.dno.cli.run.ResumeFile;
import io.dno.cli.spark.SparkEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dno quickstart}: the miniature DNO experiment, the README's first command. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Run the miniature DNO experiment: SFT, SFT on positives, offline DPO, SPIN, DNO-Restrictive, "
                + "DNO and DNO-Lookahead on a synthetic task world, over several seeds; writes results.json, "
                + "report.md and plots.")
final class QuickstartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "runs/quickstart", paramLabel = "DIR",
            description = "output directory (default: ${DEFAULT-VALUE}); rerunning continues it")
    Path out;

    @Option(names = "--seeds", paramLabel = "N", description = "number of seeds (default: 3, or 1 with --fast)")
    Integer seeds;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "first seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--teacher-accuracy", defaultValue = "0.75", paramLabel = "P",
            description = "probability that the teacher is right (default: ${DEFAULT-VALUE})")
    double teacherAccuracy;

    @Option(names = "--judge-noise", defaultValue = "0", paramLabel = "E",
            description = "probability of a one-point judging error (default: ${DEFAULT-VALUE})")
    double judgeNoise;

    @Option(names = "--length-bias", defaultValue = "0", paramLabel = "B",
            description = "probability of a one-point bonus for a longer answer (default: ${DEFAULT-VALUE})")
    double lengthBias;

    @Option(names = "--learning-rate", defaultValue = "3e-4", paramLabel = "LR",
            description = "preference-training learning rate, the same for every method (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "run every method's sampling, judging, reference log-probs and evaluation on Spark at this "
                    + "master (local[N], spark://host:7077, ...); results.json is the same as without")
    String sparkMaster;

    @Option(names = "--fast", description = "small world and short initialisation (a smoke test, ~3 minutes)")
    boolean fast;

    @Override
    public Integer call() throws Exception {
        QuickstartOptions options = QuickstartOptions.of(seed, seeds != null ? seeds : fast ? 1 : 3, teacherAccuracy,
                judgeNoise, lengthBias, fast, learningRate);
        Path dir = out.toAbsolutePath();
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>(List.of("quickstart", "--out", dir.toString(), "--seeds",
                Integer.toString(options.seedCount()), "--seed", Long.toString(seed), "--teacher-accuracy",
                Double.toString(teacherAccuracy), "--judge-noise", Double.toString(judgeNoise), "--length-bias",
                Double.toString(lengthBias), "--learning-rate", Double.toString(learningRate)));
        if (fast) {
            args.add("--fast");
        }
        if (sparkMaster != null) {
            args.addAll(List.of("--spark-master", sparkMaster));
        }
        new ResumeFile(args).write(dir);
        spec.commandLine().getErr().println("dno quickstart: device cpu (the quickstart's models are small: every"
                + " method trains and samples on the CPU)");
        spec.commandLine().getErr().flush();
        ObjectNode results;
        if (sparkMaster == null) {
            results = new Quickstart(options, dir, "./dno " + String.join(" ", args)).run();
        } else {
            try (SparkEngines.Engines spark = SparkEngines.connect(sparkMaster, 0, Map.of())) {
                results = new Quickstart(options, dir, "./dno " + String.join(" ", args),
                        setup -> spark.engine(new Student.Loader(), setup.annotator().factory())).run();
            }
        }
        var methods = results.get("methods");
        spec.commandLine().getOut().printf(Locale.ROOT, "teacher accuracy %.3f%n",
                results.get("teacher").get("accuracy").asDouble());
        methods.fields().forEachRemaining(m -> spec.commandLine().getOut().printf(Locale.ROOT,
                "%-16s accuracy %.3f  win rate vs teacher %.3f  length %.1f%n", m.getKey(),
                m.getValue().get("final").get("accuracy").asDouble(),
                m.getValue().get("final").get("win_rate").asDouble(),
                m.getValue().get("final").get("length").asDouble()));
        spec.commandLine().getOut().println("results: " + dir.resolve("results.json") + ", report: "
                + dir.resolve("report.md") + ", plots: " + dir.resolve("plots"));
        return 0;
    }
}
