package io.dno.cli.init;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The scaffold's stand-in data: two-number sums and differences ("What is 17 + 25?" → "42"), with their exact
 * answers as the teacher's. Small, checkable by an exact-match judge, and replaced by the user's own data.
 *
 * @param training   the training prompts (split into one partition per iteration by the run)
 * @param evaluation held-out prompts for the win rate against the teacher
 * @param validation held-out prompts that pick the best iterate
 * @param answers    the teacher's answer to every prompt above
 */
record ArithmeticTask(List<Prompt> training, List<Prompt> evaluation, List<Prompt> validation,
                      List<Demonstration> answers) {

    static ArithmeticTask generate(long seed, int training, int evaluation, int validation) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> questions = new LinkedHashSet<>();
        while (questions.size() < training + evaluation + validation) {
            int a = 1 + random.nextInt(49);
            int b = 1 + random.nextInt(49);
            questions.add(random.nextBoolean() ? a + " + " + b : Math.max(a, b) + " - " + Math.min(a, b));
        }
        List<Prompt> train = new ArrayList<>();
        List<Prompt> eval = new ArrayList<>();
        List<Prompt> valid = new ArrayList<>();
        List<Demonstration> answers = new ArrayList<>();
        int i = 0;
        for (String q : questions) {
            List<Prompt> target = i < training ? train : i < training + evaluation ? eval : valid;
            String prefix = target == train ? "train" : target == eval ? "eval" : "valid";
            Prompt prompt = Prompt.of(String.format("%s-%02d", prefix, target.size() + 1), "What is " + q + "?");
            target.add(prompt);
            answers.add(Demonstration.of(prompt, answer(q)));
            i++;
        }
        return new ArithmeticTask(train, eval, valid, answers);
    }

    private static String answer(String question) {
        String[] parts = question.split(" ");
        int a = Integer.parseInt(parts[0]);
        int b = Integer.parseInt(parts[2]);
        return Integer.toString(parts[1].equals("+") ? a + b : a - b);
    }
}
