package io.dno.core.loop;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import io.dno.core.data.PairKind;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Scored;
import io.dno.core.data.ScoredPrompt;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The training-data dynamics of one iteration, as in Table 2 of Rosset et al. 2024 (arXiv:2404.03715).
 *
 * <p>A student "wins" against the teacher when its score is strictly higher than the teacher answer's
 * score; ties are not wins. Prompts without a teacher answer count in {@code inputs} and the student
 * averages but not in the win rates. Lengths are in whitespace-separated words, as the paper reports them.
 *
 * @param iteration             the sampling round (the paper's "Iter k": samples of the policy after k iterations)
 * @param inputs                prompts with at least one candidate
 * @param studentLengthMean     mean student sample length in words
 * @param studentLengthSd       population standard deviation of student sample length in words
 * @param bestOfNWinRate        share of prompts (with a teacher) whose best student sample beats the teacher
 * @param averageStudentWins    mean number of student samples per prompt (with a teacher) that beat the teacher
 * @param averageStudentScore   mean score of all student samples
 * @param averageTeacherScore   mean score of the teacher answers
 * @param newPairs              new pairs of this iteration by kind (all kinds present, zero if none)
 */
public record IterationStatistics(int iteration, int inputs, double studentLengthMean, double studentLengthSd,
                                  double bestOfNWinRate, double averageStudentWins, double averageStudentScore,
                                  double averageTeacherScore, Map<PairKind, Integer> newPairs) {

    public IterationStatistics {
        checkArgument(newPairs != null, "newPairs must not be null");
        EnumMap<PairKind, Integer> complete = new EnumMap<>(PairKind.class);
        for (PairKind kind : PairKind.values()) {
            complete.put(kind, newPairs.getOrDefault(kind, 0));
        }
        newPairs = ImmutableMap.copyOf(complete);
    }

    /** Computes the statistics of one sampling round from its annotated candidates and its new pairs. */
    public static IterationStatistics compute(int iteration, List<ScoredPrompt> annotated,
                                              List<PreferencePair> newPairs) {
        Welford length = new Welford();
        Welford studentScore = new Welford();
        Welford teacherScore = new Welford();
        int inputs = 0;
        int withTeacher = 0;
        int bestBeatsTeacher = 0;
        long studentWins = 0;
        for (ScoredPrompt prompt : annotated) {
            if (prompt.candidates().isEmpty()) {
                continue;
            }
            inputs++;
            List<Scored> students = prompt.students();
            for (Scored s : students) {
                length.add(words(s.text()));
                studentScore.add(s.score());
            }
            OptionalDouble teacher = prompt.teachers().stream().mapToDouble(Scored::score).max();
            if (teacher.isEmpty()) {
                continue;
            }
            prompt.teachers().forEach(t -> teacherScore.add(t.score()));
            withTeacher++;
            double bar = teacher.getAsDouble();
            long wins = students.stream().filter(s -> s.score() > bar).count();
            studentWins += wins;
            bestBeatsTeacher += wins > 0 ? 1 : 0;
        }
        EnumMap<PairKind, Integer> byKind = new EnumMap<>(PairKind.class);
        for (PreferencePair p : newPairs) {
            byKind.merge(p.kind(), 1, Integer::sum);
        }
        return new IterationStatistics(iteration, inputs, length.mean(), length.sd(),
                ratio(bestBeatsTeacher, withTeacher), ratio(studentWins, withTeacher), studentScore.mean(),
                teacherScore.mean(), byKind);
    }

    /** The total number of new pairs. */
    public int totalNewPairs() {
        return newPairs.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static double ratio(double numerator, int denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }

    private static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    /** Numerically stable running mean and variance (Welford 1962). */
    private static final class Welford {
        private long n;
        private double mean;
        private double m2;

        void add(double x) {
            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }

        double mean() {
            return n == 0 ? 0 : mean;
        }

        double sd() {
            return n == 0 ? 0 : Math.sqrt(m2 / n);
        }
    }
}
