package io.dno.cli.quickstart.run;

import io.dno.core.Alignment;
import io.dno.core.AlignmentReport;
import io.dno.core.IterationReport;
import io.dno.core.RunListener;
import io.dno.core.Strategy;
import io.dno.core.data.PairKind;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.ScoredPrompt;
import io.dno.core.eval.JudgedAnswer;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.HeldOut;
import io.dno.core.loop.InProcessEngine;
import io.dno.core.loop.IterationStatistics;
import io.dno.core.loop.RunDirectory;
import io.dno.core.loop.StageEngine;
import io.dno.core.loop.StepDirectory;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.pairs.PairBuilders;
import io.dno.core.policy.SamplingParams;
import io.dno.cli.quickstart.QuickstartSetup;
import io.dno.cli.quickstart.student.Student;
import io.dno.cli.quickstart.world.Oracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs every method for one seed from the same SFT-initialised student, each in its own run directory under
 * {@code seed-S/}, so a killed quickstart resumes where it stopped ({@code dno resume}).
 */
final class SeedRun {
    private final QuickstartSetup setup;
    private final Path dir;
    private final RunListener listener;
    private final StageEngine engine;

    SeedRun(QuickstartSetup setup, Path dir, RunListener listener) {
        this(setup, dir, listener, InProcessEngine.INSTANCE);
    }

    /** As above, with SAMPLE, ANNOTATE, REFERENCE and EVALUATE of every method on {@code engine}. */
    SeedRun(QuickstartSetup setup, Path dir, RunListener listener, StageEngine engine) {
        this.setup = setup;
        this.dir = dir;
        this.listener = listener;
        this.engine = engine;
    }

    SeedResult run() {
        long start = System.nanoTime();
        Path init = initialStudent();
        Map<Method, List<IterationMeasure>> methods = new EnumMap<>(Method.class);
        methods.put(Method.SFT_POSITIVES, measures(run(init, "sft_positives",
                b -> b.strategy(Strategy.sftOnPositives())), false));
        methods.put(Method.OFFLINE_DPO, measures(run(init, "offline_dpo",
                b -> b.strategy(Strategy.dpo()).pairs(offlinePairs(init))), false));
        methods.put(Method.SPIN, measures(run(init, "spin", b -> b.strategy(Strategy.spin())), false));
        methods.put(Method.DNO_RESTRICTIVE, measures(run(init, "dno_restrictive",
                b -> b.strategy(Strategy.dnoRestrictive())), false));
        AlignmentReport dno = run(init, "dno", b -> b.strategy(Strategy.dnoLookahead()));
        List<IterationMeasure> dnoIterations = measures(dno, false);
        methods.put(Method.SFT, List.of(dnoIterations.get(0)));
        methods.put(Method.DNO, dnoIterations);
        methods.put(Method.DNO_LOOKAHEAD, measures(dno, true));
        List<Prompt> eval = setup.pools().evaluation();
        List<String> gold = setup.teacher().answer(eval).stream().map(Response::text).toList();
        return new SeedResult(setup.seed(), Oracle.accuracy(eval, gold), methods, (System.nanoTime() - start) / 1e9);
    }

    /** The step name under which the SFT initialiser's training steps reach the listener. */
    static final String INIT = "init";

    /** The SFT initialiser, trained once per seed and kept as a checkpoint (reused on resume). */
    Path initialStudent() {
        Path checkpoint = dir.resolve("init/checkpoint");
        if (!Files.exists(checkpoint)) {
            try (TransformerPolicy student = setup.initialStudent(dir.resolve("init"),
                    m -> listener.onTrainingStep(INIT, m))) {
                AtomicFiles.writeDirectory(checkpoint, student::save);
            }
        }
        return checkpoint;
    }

    private static TransformerPolicy load(Path checkpoint) {
        return new Student.Loader().open(checkpoint);
    }

    private AlignmentReport run(Path init, String name, Function<Alignment.Builder, Alignment.Builder> strategy) {
        try (TransformerPolicy policy = load(init)) {
            return strategy.apply(setup.builder(policy, dir.resolve(name)).listener(listener).engine(engine)).build()
                    .run();
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
                samples = policy.generate(prompts, new SamplingParams(2, setup.preference().temperature(),
                        setup.preference().topP(), 0, setup.student().maxNewTokens(), setup.seed() + 101));
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

    /** The iterates of a run (or only its Lookahead retraining), measured by the oracle and the judge. */
    private static List<IterationMeasure> measures(AlignmentReport report, boolean lookaheadOnly) {
        RunDirectory dir = new RunDirectory(Path.of(report.runDirectory()));
        List<IterationMeasure> out = new ArrayList<>();
        if (lookaheadOnly) {
            out.add(measure(report.lookahead(), dir.lookaheadStep(report.iterations().size() - 1)));
            return out;
        }
        for (IterationReport r : report.iterations()) {
            out.add(measure(r, dir.step(r.iteration())));
        }
        return out;
    }

    private static IterationMeasure measure(IterationReport r, StepDirectory step) {
        List<JudgedAnswer> answers = Jsonl.read(step.answers(HeldOut.EVALUATION), JudgedAnswer.class);
        double accuracy = Oracle.accuracy(answers.stream().map(JudgedAnswer::prompt).toList(),
                answers.stream().map(a -> a.answer().text()).toList());
        Map<String, Integer> pairs = new LinkedHashMap<>();
        Map<String, Double> table2 = new LinkedHashMap<>();
        IterationStatistics s = r.statistics();
        if (s != null) {
            for (PairKind kind : List.of(PairKind.TEACHER_OVER_STUDENT, PairKind.STUDENT_OVER_TEACHER,
                    PairKind.STUDENT_OVER_STUDENT)) {
                pairs.put(kind.label(), s.newPairs().get(kind));
            }
            table2.put("inputs", (double) s.inputs());
            table2.put("student_length_words", s.studentLengthMean());
            table2.put("best_of_n_win_rate", s.bestOfNWinRate());
            table2.put("avg_student_wins", s.averageStudentWins());
            table2.put("avg_student_score", s.averageStudentScore());
            table2.put("avg_teacher_score", s.averageTeacherScore());
        } else if (r.iteration() > 0 && r.examples().offlinePairs() == 0 && r.examples().demonstrations() == 0) {
            pairs.put("new", r.examples().newPairs());
        }
        var e = r.evaluation();
        return new IterationMeasure(r.iteration(), accuracy, e.winRate(), e.lengthControlledWinRate(), e.meanScore(),
                e.meanLength(), pairs, table2);
    }
}
