package io.dno.cli.quickstart.teacher;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.policy.Teacher;
import io.dno.cli.quickstart.world.Answer;
import io.dno.cli.quickstart.world.AnswerForm;
import io.dno.cli.quickstart.world.Seeds;
import io.dno.cli.quickstart.world.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A strong but imperfect teacher (the GPT-4-Turbo role of Rosset et al. 2024 §5.1) with a blind spot: on its
 * blind class it makes a characteristic mistake, elsewhere it slips at random, at the rates of its {@link
 * TeacherProfile}. It writes the bare answer, the answer after a preamble or the answer worked out, at the rates
 * {@link #PREAMBLE_RATE} and {@link #WORKED_RATE}, whether right or wrong. Its answer to a prompt depends only on
 * the prompt and the seed, so it is fixed per prompt, as the paper's gold answers are generated once ahead of time.
 *
 * @param profile how often it errs, and where
 * @param seed    seed of the teacher's choices
 */
public record BlindSpotTeacher(TeacherProfile profile, long seed) implements Teacher {

    /** The share of answers written with the preamble ({@code ans 82}). */
    public static final double PREAMBLE_RATE = 0.2;
    /** The share of answers worked out ({@code 37+45 so 82}). */
    public static final double WORKED_RATE = 0.2;

    public BlindSpotTeacher {
        checkArgument(profile != null, "profile is required; e.g. TeacherProfile.forAccuracy(0.75)");
    }

    /** The teacher whose expected accuracy is {@code p}. */
    public static BlindSpotTeacher withAccuracy(double p, long seed) {
        return new BlindSpotTeacher(TeacherProfile.forAccuracy(p), seed);
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
        double errs = random.nextDouble();
        double form = random.nextDouble();
        String value;
        if (task.inBlindClass()) {
            value = errs < profile.blindMistakeRate() ? task.blindMistake() : task.gold();
        } else {
            value = errs < profile.slipRate() ? Mistakes.slip(task, random) : task.gold();
        }
        AnswerForm written = form < PREAMBLE_RATE ? AnswerForm.PREAMBLE
                : form < PREAMBLE_RATE + WORKED_RATE ? AnswerForm.WORKED : AnswerForm.BARE;
        return Answer.of(task, value, written).text();
    }
}
