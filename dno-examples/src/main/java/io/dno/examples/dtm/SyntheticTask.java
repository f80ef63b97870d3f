package io.dno.examples.dtm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A synthetic task with a checkable answer, over the alphabet {@link #ALPHABET}:
 * {@code add} ("12+345=" → "357"), {@code rev} ("rev abc=" → "cba"), {@code sort} ("sort dbca=" → "abcd")
 * and {@code copy} ("copy xkq=" → "xkq").
 *
 * @param family the task family
 * @param prompt the prompt text
 * @param answer the one correct answer
 */
record SyntheticTask(String family, String prompt, String answer) {
    /** Every character prompts and answers use. */
    static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz+= ";
    static final List<String> FAMILIES = List.of("add", "rev", "sort", "copy");

    /** One random instance of {@code family}; letter strings have 3 to 6 letters, operands 0 to 999. */
    static SyntheticTask sample(String family, SplittableRandom random) {
        if (family.equals("add")) {
            int a = random.nextInt(1000);
            int b = random.nextInt(1000);
            return new SyntheticTask(family, a + "+" + b + "=", Integer.toString(a + b));
        }
        StringBuilder letters = new StringBuilder();
        int length = 3 + random.nextInt(4);
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        String s = letters.toString();
        String answer = switch (family) {
            case "rev" -> new StringBuilder(s).reverse().toString();
            case "sort" -> s.chars().sorted().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
            case "copy" -> s;
            default -> throw new IllegalArgumentException("unknown task family '" + family + "'; use one of " + FAMILIES);
        };
        return new SyntheticTask(family, family + " " + s + "=", answer);
    }

    /** {@code count} distinct instances of each family, none of whose prompts is in {@code exclude}. */
    static List<SyntheticTask> distinct(List<String> families, int count, SplittableRandom random, Set<String> exclude) {
        List<SyntheticTask> out = new ArrayList<>();
        Set<String> seen = new HashSet<>(exclude);
        for (String family : families) {
            int made = 0;
            while (made < count) {
                SyntheticTask t = sample(family, random);
                if (seen.add(t.prompt())) {
                    out.add(t);
                    made++;
                }
            }
        }
        return out;
    }
}
