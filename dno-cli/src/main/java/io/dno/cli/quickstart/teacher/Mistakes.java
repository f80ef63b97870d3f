package io.dno.cli.quickstart.teacher;

import io.dno.cli.quickstart.world.AnswerKind;
import io.dno.cli.quickstart.world.Task;
import io.dno.cli.quickstart.world.TaskFamily;
import java.util.SplittableRandom;

/**
 * The teacher's random slips, the kind a strong model makes now and then: two neighbouring letters or digits
 * swapped, the second-largest digit for the largest. Every slip is of the right
 * kind and differs from the correct answer. (Its systematic mistakes are the families' {@code blindMistake}.)
 */
public final class Mistakes {
    private Mistakes() {}

    /** A random wrong answer to {@code task}, never equal to its gold answer. */
    public static String slip(Task task, SplittableRandom random) {
        String gold = task.gold();
        String wrong = switch (task.family()) {
            case NEXT, SORT -> swapNeighbours(gold, random);
            case MAX -> secondLargest(task.input());
        };
        return wrong.equals(gold) ? substituteOne(task.family(), gold, random) : wrong;
    }

    /** The largest digit smaller than the maximum (the maximum itself when all digits are equal). */
    static String secondLargest(String digits) {
        int max = digits.chars().max().orElseThrow();
        return digits.chars().filter(c -> c < max).max().stream()
                .mapToObj(c -> String.valueOf((char) c)).findFirst().orElse(String.valueOf((char) max));
    }

    static String swapNeighbours(String s, SplittableRandom random) {
        if (s.length() < 2) {
            return s;
        }
        int at = random.nextInt(s.length() - 1);
        for (int tries = 0; tries < s.length() - 1 && s.charAt(at) == s.charAt(at + 1); tries++) {
            at = (at + 1) % (s.length() - 1);               // find a pair of different neighbours if any
        }
        char[] c = s.toCharArray();
        char tmp = c[at];
        c[at] = c[at + 1];
        c[at + 1] = tmp;
        return new String(c);
    }

    private static String substituteOne(TaskFamily family, String s, SplittableRandom random) {
        boolean digits = family.answerKind() == AnswerKind.DIGITS;
        String symbols = digits ? "0123456789" : TaskFamily.LETTERS;
        char[] c = s.toCharArray();
        int at = random.nextInt(c.length);
        char replacement;
        do {
            replacement = symbols.charAt(random.nextInt(symbols.length()));
        } while (replacement == c[at] || (at == 0 && c.length > 1 && replacement == '0' && digits));
        c[at] = replacement;
        return new String(c);
    }
}
