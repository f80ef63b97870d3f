package io.dno.cli.quickstart.run;

import io.dno.core.IterationReport;
import io.dno.core.data.PairKind;
import io.dno.core.data.PreferencePair;
import io.dno.core.eval.Evaluation;
import io.dno.core.eval.JudgedAnswer;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.HeldOut;
import io.dno.core.loop.IterationStatistics;
import io.dno.core.loop.StepDirectory;
import io.dno.core.train.StepMetrics;
import io.dno.cli.quickstart.world.Oracle;
import io.dno.cli.quickstart.world.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads what one iterate of a run scored and what built it, from its step directory and its report. */
final class IterateReader {
    private IterateReader() {}

    /** The measure of the iterate {@code report} describes, whose artifacts are in {@code step}. */
    static IterationMeasure measure(IterationReport report, StepDirectory step, boolean preferenceTraining) {
        List<JudgedAnswer> answers = Jsonl.read(step.answers(HeldOut.EVALUATION), JudgedAnswer.class);
        Evaluation e = report.evaluation();
        Evaluation v = report.validation();
        Map<String, Integer> pairs = new LinkedHashMap<>();
        Map<String, Double> table2 = new LinkedHashMap<>();
        IterationStatistics s = report.statistics();
        int[] st = {0, 0};
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
            st = studentWins(step, report.iteration());
        }
        int total = pairs.values().stream().mapToInt(Integer::intValue).sum();
        double stShare = total == 0 ? Double.NaN
                : pairs.getOrDefault(PairKind.STUDENT_OVER_TEACHER.label(), 0) / (double) total;
        TrainingEnd training = preferenceTraining && Files.exists(step.trainLog())
                ? TrainingEnd.of(Jsonl.read(step.trainLog(), StepMetrics.class)) : null;
        return new IterationMeasure(report.iteration(), accuracy(answers, a -> true),
                accuracy(answers, a -> Task.of(a.prompt()).inBlindClass()),
                accuracy(answers, a -> !Task.of(a.prompt()).inBlindClass()), e.winRate(), e.lengthControlledWinRate(),
                e.meanScore(), e.meanTeacherScore(), e.meanLength(), v == null ? Double.NaN : v.winRate(), pairs,
                stShare, st[0], st[1], table2, training);
    }

    /** The share of {@code answers} matching {@code which} that are correct (NaN when none match). */
    static double accuracy(List<JudgedAnswer> answers, Predicate<JudgedAnswer> which) {
        List<JudgedAnswer> chosen = answers.stream().filter(which).toList();
        return chosen.isEmpty() ? Double.NaN
                : chosen.stream().filter(a -> Oracle.isCorrect(a.prompt(), a.answer())).count() / (double) chosen.size();
    }

    /**
     * The new S>T pairs of iteration {@code t} split into real wins (the teacher's answer is wrong) and formatting
     * wins (the teacher's answer is right, the student's is only better formed).
     */
    private static int[] studentWins(StepDirectory step, int t) {
        Path file = step.pairs();
        int[] out = {0, 0};
        if (!Files.exists(file)) {
            return out;
        }
        for (PreferencePair p : Jsonl.read(file, PreferencePair.class)) {
            if (p.iteration() == t && p.kind() == PairKind.STUDENT_OVER_TEACHER) {
                out[Oracle.isCorrect(p.prompt(), p.rejected()) ? 1 : 0]++;
            }
        }
        return out;
    }
}
