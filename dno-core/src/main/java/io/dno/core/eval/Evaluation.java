package io.dno.core.eval;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * How a policy fared against the teacher on held-out prompts (the shape of AlpacaEval 2.0's report: win rate
 * against a reference model, its length-controlled variant and the average answer length).
 *
 * @param prompts                 held-out prompts
 * @param judged                  prompts on which both answers were scored
 * @param winRate                 mean outcome over judged prompts (win 1, tie 0.5, loss 0), in [0, 1]
 * @param lengthControlledWinRate win rate with the length difference regressed out ({@link LengthControl})
 * @param meanScore               mean annotator score of the policy's answers
 * @param meanTeacherScore        mean annotator score of the teacher's answers
 * @param meanLength              mean length of the policy's answers in characters
 * @param meanWords               mean length of the policy's answers in whitespace-separated words
 * @param meanTeacherLength       mean length of the teacher's answers in characters
 */
public record Evaluation(int prompts, int judged, double winRate, double lengthControlledWinRate, double meanScore,
                         double meanTeacherScore, double meanLength, double meanWords, double meanTeacherLength) {

    public Evaluation {
        checkArgument(prompts >= 0 && judged >= 0 && judged <= prompts, "judged %s of %s prompts", judged, prompts);
    }

    /** Summarises judged answers. */
    public static Evaluation of(List<JudgedAnswer> answers) {
        List<JudgedAnswer> judged = answers.stream().filter(JudgedAnswer::judged).toList();
        double win = judged.stream().mapToDouble(JudgedAnswer::outcome).average().orElse(Double.NaN);
        double score = answers.stream().filter(a -> a.answerScore() != null).mapToDouble(JudgedAnswer::answerScore)
                .average().orElse(Double.NaN);
        double teacherScore = answers.stream().filter(a -> a.teacherScore() != null)
                .mapToDouble(JudgedAnswer::teacherScore).average().orElse(Double.NaN);
        double length = answers.stream().mapToInt(a -> a.answer().text().length()).average().orElse(Double.NaN);
        double words = answers.stream().mapToInt(a -> words(a.answer().text())).average().orElse(Double.NaN);
        double teacherLength = answers.stream().mapToInt(a -> a.teacher().text().length()).average()
                .orElse(Double.NaN);
        return new Evaluation(answers.size(), judged.size(), win, LengthControl.winRate(judged), score, teacherScore,
                length, words, teacherLength);
    }

    static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
