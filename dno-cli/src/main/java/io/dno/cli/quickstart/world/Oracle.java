package io.dno.cli.quickstart.world;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import java.util.List;
import java.util.Optional;

/**
 * The truth of the world: a response is correct when it reads as a well-formed {@link Answer} (any of the three
 * forms) whose value is the task's answer. The paper has no such oracle (its judge is GPT-4-Turbo); here it
 * measures what the annotator can only estimate.
 */
public final class Oracle {
    private Oracle() {}

    /** Whether {@code response} answers {@code task} correctly. */
    public static boolean isCorrect(Task task, String response) {
        Optional<Answer> answer = Answer.parse(response);
        return answer.isPresent() && answer.get().wellFormedFor(task) && answer.get().value().equals(task.gold());
    }

    /** Whether {@code response} answers {@code prompt} correctly (the prompt must be a task of the world). */
    public static boolean isCorrect(Prompt prompt, Response response) {
        return isCorrect(Task.of(prompt), response.text());
    }

    /** The share of {@code answers} (one per prompt, in prompt order) that are correct. */
    public static double accuracy(List<Prompt> prompts, List<String> answers) {
        if (prompts.size() != answers.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + answers.size() + " answers");
        }
        if (prompts.isEmpty()) {
            return Double.NaN;
        }
        int correct = 0;
        for (int i = 0; i < prompts.size(); i++) {
            correct += isCorrect(Task.of(prompts.get(i)), answers.get(i)) ? 1 : 0;
        }
        return (double) correct / prompts.size();
    }
}
