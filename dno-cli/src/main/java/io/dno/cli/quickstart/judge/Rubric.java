package io.dno.cli.quickstart.judge;

import io.dno.cli.quickstart.world.Answer;
import io.dno.cli.quickstart.world.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The noiseless rubric: which {@link Criterion criteria} a response meets, counted additively (a point only
 * when all earlier points are earned), so the score is 0 to 6. A correct answer scores 5 or 6 and a wrong
 * one at most 4: the rubric is monotone in correctness.
 */
public final class Rubric {
    private Rubric() {}

    /** The criteria {@code response} earns for {@code task}, in order; its size is the score. */
    public static List<Criterion> earned(Task task, String response) {
        List<Criterion> earned = new ArrayList<>();
        Optional<Answer> parsed = Answer.parse(response);
        if (parsed.isEmpty()) {
            return earned;
        }
        String value = parsed.get().value();
        String gold = task.gold();
        if (value.length() > 2 * gold.length() + 2) {                 // rambling
            return earned;
        }
        earned.add(Criterion.WELL_FORMED);
        if (!task.family().answerKind().matches(value)) {
            return earned;
        }
        earned.add(Criterion.RIGHT_KIND);
        int distance = EditDistance.between(value, gold);
        if (distance > (gold.length() + 1) / 2) {
            return earned;
        }
        earned.add(Criterion.MOSTLY_RIGHT);
        if (distance > 1) {
            return earned;
        }
        earned.add(Criterion.NEARLY_RIGHT);
        if (distance > 0) {
            return earned;
        }
        earned.add(Criterion.EXACTLY_RIGHT);
        if (!parsed.get().hasPreamble()) {
            earned.add(Criterion.CONCISE);
        }
        return earned;
    }

    /** The noiseless score, 0 to 6. */
    public static int score(Task task, String response) {
        return earned(task, response).size();
    }
}
