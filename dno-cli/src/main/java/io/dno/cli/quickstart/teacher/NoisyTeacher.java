package io.dno.cli.quickstart.teacher;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.policy.Teacher;
import io.dno.cli.quickstart.world.Answer;
import io.dno.cli.quickstart.world.Seeds;
import io.dno.cli.quickstart.world.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A strong but imperfect teacher (the GPT-4-Turbo role of Rosset et al. 2024 §5.1): correct with probability
 * {@code accuracy}, otherwise a plausible {@link Mistakes mistake}; with probability {@code preambleRate} it
 * writes the wordier form {@code ans 82}. Its answer to a prompt depends only on the prompt and the seed, so
 * it is fixed per prompt, as the paper's gold answers are generated once ahead of time.
 *
 * @param accuracy     probability of a correct answer, in [0, 1] (the default: 0.75)
 * @param preambleRate probability of the wordy form, in [0, 1]
 * @param seed         seed of the teacher's choices
 */
public record NoisyTeacher(double accuracy, double preambleRate, long seed) implements Teacher {

    /** The default accuracy of the issue: strong, yet a student can beat it. */
    public static final double DEFAULT_ACCURACY = 0.75;
    /** The default share of wordy answers. */
    public static final double DEFAULT_PREAMBLE_RATE = 0.2;

    public NoisyTeacher {
        checkArgument(accuracy >= 0 && accuracy <= 1, "teacher accuracy must be in [0, 1], got %s", accuracy);
        checkArgument(preambleRate >= 0 && preambleRate <= 1, "teacher preamble rate must be in [0, 1], got %s",
                preambleRate);
    }

    public static NoisyTeacher withAccuracy(double accuracy, long seed) {
        return new NoisyTeacher(accuracy, DEFAULT_PREAMBLE_RATE, seed);
    }

    @Override
    public List<Response> answer(List<Prompt> prompts) {
        List<Response> out = new ArrayList<>(prompts.size());
        for (Prompt p : prompts) {
            out.add(Response.teacher(p.id(), answerText(p)));
        }
        return List.copyOf(out);
    }

    /** The teacher's answer text to one prompt. */
    public String answerText(Prompt prompt) {
        Task task = Task.of(prompt);
        SplittableRandom random = Seeds.random(seed, "teacher", prompt.text());
        boolean correct = random.nextDouble() < accuracy;
        boolean preamble = random.nextDouble() < preambleRate;
        String value = correct ? task.gold() : Mistakes.of(task, random);
        return new Answer(value, preamble).text();
    }
}
