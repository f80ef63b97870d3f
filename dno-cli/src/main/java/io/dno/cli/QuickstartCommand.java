package io.dno.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.cli.quickstart.PreferenceBudget;
import io.dno.cli.quickstart.run.Quickstart;
import io.dno.cli.quickstart.run.QuickstartOptions;
import io.dno.cli.quickstart.student.Student;
import io.dno.cli.quickstart.student.StudentSpec;
import io.dno.cli.quickstart.world.PoolSizes;
import io.dno.cli.run.ResumeFile;
import io.dno.cli.spark.SparkEngines;
import io.dno.core.loop.InProcessEngine;
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
        description = "Run the miniature DNO experiment: SFT, SFT on positives (and RFT on the teacher), offline DPO, "
                + "SPIN, DNO-Restrictive, DNO and DNO-Lookahead on a synthetic task world whose teacher has a blind "
                + "spot, over several seeds; writes results.json (gates first), report.md and plots.")
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
            description = "the teacher's expected accuracy, 0.5 to 1; its blind class holds 1 - P of the prompts "
                    + "(default: ${DEFAULT-VALUE})")
    double teacherAccuracy;

    @Option(names = "--judge-noise", defaultValue = "0", paramLabel = "E",
            description = "probability of a one-point judging error on rubric points 1-5 (default: ${DEFAULT-VALUE})")
    double judgeNoise;

    @Option(names = "--length-bias", defaultValue = "0", paramLabel = "B",
            description = "probability that the sixth point goes to the longest correct answer of a call instead of "
                    + "the shortest (default: ${DEFAULT-VALUE})")
    double lengthBias;

    @Option(names = "--learning-rate", paramLabel = "LR",
            description = "preference-training learning rate, the same for every method (default: 5e-5)")
    Double learningRate;

    @Option(names = "--batch-size", paramLabel = "B",
            description = "pairs (or demonstrations) per preference optimiser step, every method (default: 8)")
    Integer batchSize;

    @Option(names = "--epochs-per-iteration", paramLabel = "E",
            description = "epochs over each iteration's pairs for DNO, DNO-Restrictive and SPIN (default: 3)")
    Integer epochsPerIteration;

    @Option(names = "--iterations", paramLabel = "T",
            description = "iterations of the iterative methods, one prompt partition each (default: 3)")
    Integer iterations;

    @Option(names = "--partition-size", paramLabel = "N",
            description = "prompts per partition (default: 300, or 100 with --fast)")
    Integer partitionSize;

    @Option(names = "--samples", paramLabel = "K",
            description = "student samples per prompt (default: 5; 1 is the negative control)")
    Integer samples;

    @Option(names = "--sft-prompts", paramLabel = "N",
            description = "prompts of the SFT initialiser's demonstrations (default: 12000, or 6000 with --fast)")
    Integer sftPrompts;

    @Option(names = "--student-width", paramLabel = "D", description = "the student's hidden size (default: 64)")
    Integer studentWidth;

    @Option(names = "--student-layers", paramLabel = "L", description = "the student's layers (default: 2)")
    Integer studentLayers;

    @Option(names = "--workers", paramLabel = "W",
            description = "tasks run at once, one core each; no effect on the numbers (default: the cores, at most 4)")
    Integer workers;

    @Option(names = "--reuse-initialiser", paramLabel = "DIR",
            description = "copy each seed's SFT initialiser and clean-label student from an earlier quickstart's --out "
                    + "when made for the same world (seed, pools, teacher accuracy, student): for studies of the judge "
                    + "or the preference budget")
    Path reuseInitialiser;

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "run every method's sampling, judging, reference log-probs and evaluation on Spark at this "
                    + "master (local[N], spark://host:7077, ...); results.json is the same as without")
    String sparkMaster;

    @Option(names = "--fast", description = "small world and short initialisation (a smoke test, ~2 minutes)")
    boolean fast;

    @Override
    public Integer call() throws Exception {
        QuickstartOptions options = options();
        Path dir = out.toAbsolutePath();
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        int at = args.indexOf("--out");
        if (at >= 0 && at + 1 < args.size()) {
            args.set(at + 1, dir.toString());
        } else {
            args.addAll(List.of("--out", dir.toString()));
        }
        if (args.isEmpty() || !args.get(0).equals("quickstart")) {
            args.add(0, "quickstart");
        }
        new ResumeFile(args).write(dir);
        spec.commandLine().getErr().println("dno quickstart: device cpu (the quickstart's models are small: every"
                + " method trains and samples on the CPU)");
        spec.commandLine().getErr().flush();
        Path reuse = reuseInitialiser == null ? null : reuseInitialiser.toAbsolutePath();
        String commandLine = "./dno " + String.join(" ", args);
        ObjectNode results;
        if (sparkMaster == null) {
            results = new Quickstart(options, dir, commandLine, reuse, judge -> InProcessEngine.INSTANCE).run();
        } else {
            try (SparkEngines.Engines spark = SparkEngines.connect(sparkMaster, 0, Map.of())) {
                results = new Quickstart(options, dir, commandLine, reuse,
                        judge -> spark.engine(new Student.Loader(), judge.factory())).run();
            }
        }
        var methods = results.get("methods");
        var out = spec.commandLine().getOut();
        results.get("gates").fields().forEachRemaining(g -> out.printf(Locale.ROOT, "gate %-20s %.3f (threshold "
                + "%.3f) %s%n", g.getKey(), g.getValue().get("value").asDouble(),
                g.getValue().get("threshold").asDouble(), g.getValue().get("passed").asBoolean() ? "passed" : "FAILED"));
        out.println(results.get("conclusive").asBoolean() ? "all gates pass"
                : "a gate fails: this run is inconclusive (report.md says which)");
        out.printf(Locale.ROOT, "teacher accuracy %.3f (blind class %.3f)%n",
                results.get("teacher").get("accuracy").asDouble(),
                results.get("teacher").get("blind_accuracy").asDouble());
        methods.fields().forEachRemaining(m -> out.printf(Locale.ROOT,
                "%-16s accuracy %.3f (blind %.3f)  win rate vs teacher %.3f  length %.1f%n", m.getKey(),
                m.getValue().get("final").get("accuracy").asDouble(),
                m.getValue().get("final").get("blind_accuracy").asDouble(),
                m.getValue().get("final").get("win_rate").asDouble(),
                m.getValue().get("final").get("length").asDouble()));
        out.println("results: " + dir.resolve("results.json") + ", report: "
                + dir.resolve("report.md") + ", plots: " + dir.resolve("plots"));
        return 0;
    }

    /** The default (or fast) configuration with every knob given on the command line applied. */
    private QuickstartOptions options() {
        int cores = Runtime.getRuntime().availableProcessors();
        QuickstartOptions o = QuickstartOptions.of(seed, seeds != null ? seeds : fast ? 1 : 3, teacherAccuracy,
                judgeNoise, lengthBias, fast, workers != null ? workers : Math.max(1, Math.min(4, cores)));
        PoolSizes pools = o.pools();
        if (sftPrompts != null) {
            pools = pools.withSft(sftPrompts);
        }
        if (iterations != null || partitionSize != null) {
            pools = pools.withPartitions(iterations != null ? iterations : pools.partitions(),
                    partitionSize != null ? partitionSize : pools.perPartition());
        }
        PreferenceBudget p = o.preference();
        p = learningRate != null ? p.withLearningRate(learningRate) : p;
        p = batchSize != null ? p.withBatchSize(batchSize) : p;
        p = epochsPerIteration != null ? p.withEpochsPerIteration(epochsPerIteration) : p;
        p = samples != null ? p.withSamples(samples) : p;
        StudentSpec student = o.student();
        if (studentWidth != null || studentLayers != null) {
            int width = studentWidth != null ? studentWidth : student.hiddenSize();
            student = student.withSize(width, width * student.intermediateSize() / student.hiddenSize(),
                    studentLayers != null ? studentLayers : student.layers(), student.heads());
        }
        return o.withPools(pools).withPreference(p).withStudent(student);
    }
}
