package io.dno.cli.quickstart.judge;

import io.dno.cli.quickstart.world.Answer;
import io.dno.cli.quickstart.world.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The noiseless rubric. Points 1-5 ({@link #absolute}) judge a response against its task alone, counted
 * additively (a point only when all earlier points are earned): a correct answer scores 5, a wrong one at most 4.
 * Point 6 ({@link #bestOfCall}) is relative: among the responses of one call that earned all five, it goes to the
 * best-formed one, the shortest, or, for a judge biased toward length, the longest.
 */
public final class Rubric {
    private Rubric() {}

    /** The absolute points ({@link Criterion#WELL_FORMED} to {@link Criterion#EXACTLY_RIGHT}) {@code response} earns. */
    public static List<Criterion> absolute(Task task, String response) {
        List<Criterion> earned = new ArrayList<>();
        Optional<Answer> parsed = Answer.parse(response);
        if (parsed.isEmpty() || !parsed.get().wellFormedFor(task)) {
            return earned;
        }
        earned.add(Criterion.WELL_FORMED);
        String value = parsed.get().value();
        if (!task.family().answerKind().matches(value)) {
            return earned;
        }
        earned.add(Criterion.RIGHT_KIND);
        int distance = EditDistance.between(value, task.gold());
        if (distance > (task.gold().length() + 1) / 2) {
            return earned;
        }
        earned.add(Criterion.MOSTLY_RIGHT);
        if (distance > 1) {
            return earned;
        }
        earned.add(Criterion.NEARLY_RIGHT);
        if (distance == 0) {
            earned.add(Criterion.EXACTLY_RIGHT);
        }
        return earned;
    }

    /** The noiseless absolute score, 0 to 5. */
    public static int absoluteScore(Task task, String response) {
        return absolute(task, response).size();
    }

    /**
     * The response that earns point 6 among {@code exactlyRight}, the distinct texts of one call that earned all
     * five absolute points: the shortest (ties broken by text), or the longest when {@code longest}.
     */
    public static Optional<String> bestOfCall(List<String> exactlyRight, boolean longest) {
        Comparator<String> shortestFirst = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());
        Comparator<String> longestFirst = Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder());
        return exactlyRight.stream().min(longest ? longestFirst : shortestFirst);
    }

    /** The noiseless score of {@code response} judged alone, 0 to 6: a correct answer alone in its call earns point 6. */
    public static int scoreAlone(Task task, String response) {
        int absolute = absoluteScore(task, response);
        return absolute == Criterion.EXACTLY_RIGHT.ordinal() + 1 ? absolute + 1 : absolute;
    }
}
