package io.dno.cli.quickstart.teacher;

import io.dno.cli.quickstart.world.Task;
import io.dno.cli.quickstart.world.TaskFamily;
import java.util.SplittableRandom;

/**
 * Plausible wrong answers, the kind a strong model makes: one digit of a sum off by one or a dropped carry, the second-largest digit for the largest,
 * two neighbouring letters or digits swapped, a count off by one. Every mistake is of the right kind and
 * differs from the correct answer.
 */
public final class Mistakes {
    private Mistakes() {}

    /** A wrong answer to {@code task}, never equal to its gold answer. */
    public static String of(Task task, SplittableRandom random) {
        String gold = task.gold();
        String wrong = switch (task.family()) {
            case ADD -> random.nextBoolean() ? withoutCarry(task.input()) : digitOffByOne(gold, random);
            case REVERSE, SORT -> swapNeighbours(gold, random);
            case MAX -> secondLargest(task.input());
            case COUNT -> Integer.toString(Integer.parseInt(gold) == 0 || random.nextBoolean()
                    ? Integer.parseInt(gold) + 1 : Integer.parseInt(gold) - 1);
        };
        return wrong.equals(gold) ? substituteOne(task.family(), gold, random) : wrong;
    }

    /** The sum computed digit by digit with every carry forgotten (equal to the sum when there is no carry). */
    static String withoutCarry(String input) {
        String[] terms = input.split("\\+");
        String a = terms[0];
        String b = terms[1];
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.max(a.length(), b.length()); i++) {
            int da = i < a.length() ? a.charAt(a.length() - 1 - i) - '0' : 0;
            int db = i < b.length() ? b.charAt(b.length() - 1 - i) - '0' : 0;
            out.append((char) ('0' + (da + db) % 10));
        }
        String s = out.reverse().toString().replaceFirst("^0+(?=.)", "");
        return s;
    }

    /** The largest digit smaller than the maximum (the maximum itself when all digits are equal). */
    static String secondLargest(String digits) {
        int max = digits.chars().max().orElseThrow();
        return digits.chars().filter(c -> c < max).max().stream()
                .mapToObj(c -> String.valueOf((char) c)).findFirst().orElse(String.valueOf((char) max));
    }

    static String digitOffByOne(String number, SplittableRandom random) {
        char[] digits = number.toCharArray();
        int at = random.nextInt(digits.length);
        int d = digits[at] - '0';
        int changed = d == 9 || (d > 0 && random.nextBoolean()) ? d - 1 : d + 1;
        if (at == 0 && changed == 0 && digits.length > 1) {
            changed = d + 1;                                // no leading zero
        }
        digits[at] = (char) ('0' + changed);
        return new String(digits);
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
        String symbols = family.answerKind() == io.dno.cli.quickstart.world.AnswerKind.DIGITS
                ? "0123456789" : TaskFamily.LETTERS;
        char[] c = s.toCharArray();
        int at = random.nextInt(c.length);
        char replacement;
        do {
            replacement = symbols.charAt(random.nextInt(symbols.length()));
        } while (replacement == c[at] || (at == 0 && c.length > 1 && replacement == '0'
                && family.answerKind() == io.dno.cli.quickstart.world.AnswerKind.DIGITS));
        c[at] = replacement;
        return new String(c);
    }
}
