package io.dno.cli.quickstart.run;

import io.dno.core.Alignment;
import io.dno.core.AlignmentReport;
import io.dno.core.IterationReport;
import io.dno.core.RunListener;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.ScoredPrompt;
import io.dno.core.eval.JudgedAnswer;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.HeldOut;
import io.dno.core.loop.RunDirectory;
import io.dno.core.loop.StageEngine;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.pairs.PairBuilders;
import io.dno.core.policy.SamplingParams;
import io.dno.cli.quickstart.QuickstartSetup;
import io.dno.cli.quickstart.judge.RubricAnnotator;
import io.dno.cli.quickstart.student.Student;
import io.dno.cli.quickstart.world.Oracle;
import io.dno.cli.quickstart.world.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The work of one seed, as separate tasks a runner can spread over workers: the SFT initialiser (trained once,
 * kept as a checkpoint), the clean-label student of gate G1, and one alignment run per method from a copy of the
 * initialiser, each in its own run directory under {@code seed-S/}, so a killed quickstart resumes where it stopped.
 */
final class SeedRun {
    /** The alignment runs of a seed; DNO's run also holds the initialiser's evaluation and DNO-Lookahead. */
    enum Run {
        DNO("dno"), DNO_RESTRICTIVE("dno_restrictive"), SPIN("spin"), OFFLINE_DPO("offline_dpo"),
        SFT_POSITIVES("sft_positives"), RFT_TEACHER("rft_teacher");

        private final String directory;

        Run(String directory) {
            this.directory = directory;
        }
    }

    /** The step names under which the SFT initialiser's and the clean-label student's steps reach the listener. */
    static final String INIT = "init";
    static final String CLEAN = "clean";

    private final QuickstartSetup setup;
    private final Path dir;
    private final RunListener listener;
    private final Path reuseFrom;
    private final Function<RubricAnnotator, StageEngine> engines;

    /**
     * @param reuseFrom an earlier quickstart's output directory whose initialisers (and clean-label students) this run
     *                  may copy when they were made for the same world, or null
     * @param engines   where SAMPLE, ANNOTATE, REFERENCE and EVALUATE of a method's run go (in process, or Spark),
     *                  given that run's judge
     */
    SeedRun(QuickstartSetup setup, Path dir, RunListener listener, Path reuseFrom,
            Function<RubricAnnotator, StageEngine> engines) {
        this.setup = setup;
        this.dir = dir;
        this.listener = listener;
        this.reuseFrom = reuseFrom;
        this.engines = engines;
    }

    long seed() {
        return setup.seed();
    }

    /**
     * Checks that {@code seed-S/} was made with this seed's settings (or records them when it is new): its initialiser,
     * clean-label student and offline pairs are reused on resume, and must not be reused with another world or judge.
     */
    void checkSettings() {
        guard(dir.resolve("settings.txt"), world() + "partitions " + setup.pools().partitions().size() + "x"
                + setup.pools().partitions().get(0).size() + "\njudge " + setup.annotator().name() + "\n", "a seed");
    }

    /**
     * What the initialiser and the clean-label student depend on: the seed, the SFT and held-out pools (drawn before
     * the partitions, so these may change), the teacher and the student.
     */
    private String world() {
        return String.join("\n", "seed " + setup.seed(), "pools " + setup.pools().sft().size() + " sft, "
                + setup.pools().validation().size() + " validation, " + setup.pools().evaluation().size()
                + " evaluation", "teacher " + setup.teacher().profile(), "student " + setup.student()) + "\n";
    }

    /** Records {@code settings} in {@code file}, or fails naming both when the file holds others. */
    private static void guard(Path file, String settings, String what) {
        try {
            if (Files.exists(file)) {
                String earlier = Files.readString(file);
                if (!earlier.equals(settings)) {
                    throw new IllegalStateException(file.getParent() + " holds " + what + " made with other settings ("
                            + file + "):\n" + earlier + "this run has:\n" + settings + "use a new --out directory, "
                            + "or the same settings to resume");
                }
            } else {
                Files.createDirectories(file.getParent());
                AtomicFiles.writeString(file, settings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The SFT initialiser, trained once per seed and kept as a checkpoint (reused on resume, or copied). */
    Path initialStudent() {
        Path init = dir.resolve("init");
        Path checkpoint = init.resolve("checkpoint");
        if (!Files.exists(checkpoint)) {
            if (!reuse(init, "initialiser")) {
                try (TransformerPolicy student = setup.initialStudent(init, m -> listener.onTrainingStep(INIT, m))) {
                    AtomicFiles.writeDirectory(checkpoint, student::save);
                }
            }
        }
        guard(init.resolve("world.txt"), world(), "an initialiser");
        return checkpoint;
    }

    /**
     * Copies {@code seed-S/<name>} from the {@code --reuse-initialiser} directory when it has one; returns whether it
     * did. One made for another world (its {@code world.txt} not this seed's) is an error, not a silent retraining.
     */
    private boolean reuse(Path target, String what) {
        if (reuseFrom == null) {
            return false;
        }
        Path source = reuseFrom.resolve(dir.getFileName()).resolve(target.getFileName());
        if (!Files.isDirectory(source)) {
            return false;
        }
        Path world = source.resolve("world.txt");
        try {
            if (!Files.exists(world) || !Files.readString(world).equals(world())) {
                throw new IllegalStateException("--reuse-initialiser: " + source + " holds no " + what + " of this "
                        + "world (" + world + " is missing or differs: " + world() + "); drop the option or point it "
                        + "at a run of the same seed, pools, teacher accuracy and student");
            }
            AtomicFiles.writeDirectory(target, tmp -> copyTree(source, tmp));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + ": " + e.getMessage(), e);
        }
    }

    /**
     * How many of the two SFT students (initialiser, clean-label) of the seed directory {@code dir} are still to train:
     * neither made there nor to be copied from {@code reuseFrom} (may be null).
     */
    static int studentsToTrain(Path dir, Path reuseFrom) {
        int count = 0;
        for (String name : List.of("init", "clean")) {
            Path own = dir.resolve(name);
            boolean made = Files.exists(own.resolve("world.txt"));
            boolean copied = reuseFrom != null && Files.isDirectory(reuseFrom.resolve(dir.getFileName()).resolve(name));
            count += made || copied ? 0 : 1;
        }
        return count;
    }

    /** Gate G1's clean-label student, measured once (or copied with the initialiser it belongs to). */
    Capacity capacity() {
        Path clean = dir.resolve("clean");
        if (!Files.exists(clean.resolve(Capacity.FILE))) {
            reuse(clean, "clean-label student");
        }
        Capacity capacity = Capacity.measure(setup, clean, m -> listener.onTrainingStep(CLEAN, m));
        guard(clean.resolve("world.txt"), world(), "a clean-label student");
        return capacity;
    }

    /** One alignment run from the initialiser at {@code init}. */
    AlignmentReport run(Run run, Path init) {
        return switch (run) {
            case DNO -> align(init, run, b -> b.strategy(setup.dnoWithLookahead()));
            case DNO_RESTRICTIVE -> align(init, run, b -> b.strategy(setup.dnoRestrictive()));
            case SPIN -> align(init, run, b -> b.strategy(setup.spin()));
            case OFFLINE_DPO -> align(init, run, b -> b.strategy(setup.offlineDpo()).pairs(offlinePairs(init)));
            case SFT_POSITIVES -> align(init, run, b -> b.strategy(setup.sftOnPositives()));
            case RFT_TEACHER -> align(init, run, b -> b.strategy(setup.rftTeacher()));
        };
    }

    /** The seed's result from its finished runs. */
    SeedResult result(Map<Run, AlignmentReport> reports, Capacity capacity, double seconds) {
        Map<Method, MethodRun> methods = new EnumMap<>(Method.class);
        AlignmentReport dno = reports.get(Run.DNO);
        List<IterationMeasure> dnoIterates = measures(dno, true);
        methods.put(Method.SFT, MethodRun.lastIsFinal(dnoIterates.subList(0, 1)));
        methods.put(Method.SFT_POSITIVES, MethodRun.bestOnValidation(measures(reports.get(Run.SFT_POSITIVES), false)));
        methods.put(Method.RFT_TEACHER, MethodRun.bestOnValidation(measures(reports.get(Run.RFT_TEACHER), false)));
        methods.put(Method.OFFLINE_DPO, MethodRun.bestOnValidation(measures(reports.get(Run.OFFLINE_DPO), true)));
        methods.put(Method.SPIN, MethodRun.bestOnValidation(measures(reports.get(Run.SPIN), true)));
        methods.put(Method.DNO_RESTRICTIVE, MethodRun.bestOnValidation(measures(reports.get(Run.DNO_RESTRICTIVE),
                true)));
        methods.put(Method.DNO, MethodRun.bestOnValidation(dnoIterates));
        RunDirectory root = new RunDirectory(Path.of(dno.runDirectory()));
        methods.put(Method.DNO_LOOKAHEAD, MethodRun.lastIsFinal(List.of(IterateReader.measure(dno.lookahead(),
                root.lookaheadStep(dno.iterations().size() - 1), true))));
        List<JudgedAnswer> eval = Jsonl.read(root.step(0).answers(HeldOut.EVALUATION), JudgedAnswer.class);
        FamilyCount all = FamilyCount.ZERO;
        FamilyCount blind = FamilyCount.ZERO;
        FamilyCount other = FamilyCount.ZERO;
        for (JudgedAnswer a : eval) {
            boolean right = Oracle.isCorrect(a.prompt(), a.teacher());
            all = all.plus(right);
            if (Task.of(a.prompt()).inBlindClass()) {
                blind = blind.plus(right);
            } else {
                other = other.plus(right);
            }
        }
        return new SeedResult(setup.seed(), all, blind, other, methods, capacity, StartPoint.read(root,
                setup.teacher().profile().blindAccuracy()), seconds);
    }

    private static TransformerPolicy load(Path checkpoint) {
        return new Student.Loader().open(checkpoint);
    }

    private AlignmentReport align(Path init, Run run, Function<Alignment.Builder, Alignment.Builder> strategy) {
        try (TransformerPolicy policy = load(init)) {
            RubricAnnotator judge = setup.annotator().forRun(run.directory);     // runs of a seed go on at once
            return strategy.apply(setup.builder(policy, dir.resolve(run.directory)).annotator(judge)
                    .engine(engines.apply(judge)).listener(listener)).build().run();
        }
    }

    /**
     * Offline preference data in the manner of UltraFeedback: for every training prompt, two answers of the
     * initial student (temperature 0.7) and the teacher's, judged together; the best over the worst when they
     * differ by at least one point (the paper's large-margin filter, §5.2). Built once and stored.
     */
    private List<PreferencePair> offlinePairs(Path init) {
        Path file = dir.resolve("offline-pairs.jsonl");
        if (!Files.exists(file)) {
            List<Prompt> prompts = setup.pools().allPartitions();
            List<List<Response>> samples;
            try (TransformerPolicy policy = load(init)) {
                samples = policy.generate(prompts, SamplingParams.builder().samplesPerPrompt(2)
                        .temperature(setup.preference().temperature()).topP(setup.preference().topP()).topK(0)
                        .maxNewTokens(setup.student().maxNewTokens()).seed(setup.seed() + 101).build());
            }
            List<Response> gold = setup.teacher().answer(prompts);
            PairBuilder bestOverWorst = PairBuilders.bestVsWorst(1.0);
            List<PreferencePair> pairs = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                List<Response> candidates = new ArrayList<>(samples.get(i));
                candidates.add(gold.get(i));
                ScoredPrompt scored = setup.annotator().judge(prompts.get(i), candidates).toScoredPrompt();
                pairs.addAll(bestOverWorst.build(prompts.get(i), scored.candidates(), 0));
            }
            Jsonl.write(file, pairs);
        }
        return Jsonl.read(file, PreferencePair.class);
    }

    /** The iterates of a run (not its Lookahead retraining), measured by the oracle and the judge. */
    private static List<IterationMeasure> measures(AlignmentReport report, boolean preferenceTraining) {
        RunDirectory root = new RunDirectory(Path.of(report.runDirectory()));
        List<IterationMeasure> out = new ArrayList<>();
        for (IterationReport r : report.iterations()) {
            out.add(IterateReader.measure(r, root.step(r.iteration()), preferenceTraining && r.iteration() > 0));
        }
        return out;
    }
}
