package io.dno.cli.quickstart.world;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The task families of the world. Each writes a prompt {@code "<keyword> <input>"} whose single correct answer
 * is a short string the oracle can check, like the paper's instructions answered by GPT-4-Turbo but with a
 * known truth (Rosset et al. 2024 §5.1 has no oracle; this world does, so true accuracy can be reported).
 */
public enum TaskFamily {
    /** {@code add 37+5} is answered {@code 42}: the sum of two numbers below 100. */
    ADD("add", AnswerKind.DIGITS) {
        @Override
        String input(SplittableRandom r) {
            return r.nextInt(100) + "+" + r.nextInt(100);
        }

        @Override
        String solve(String input) {
            String[] terms = input.split("\\+", -1);
            return Integer.toString(Integer.parseInt(terms[0]) + Integer.parseInt(terms[1]));
        }

        @Override
        boolean valid(String input) {
            return input.matches("[0-9]{1,4}\\+[0-9]{1,4}");
        }
    },
    /** {@code rev abcd} is answered {@code dcba}: the letters in reverse order. */
    REVERSE("rev", AnswerKind.LETTERS) {
        @Override
        String input(SplittableRandom r) {
            return letters(r, 3 + r.nextInt(2));
        }

        @Override
        String solve(String input) {
            return new StringBuilder(input).reverse().toString();
        }

        @Override
        boolean valid(String input) {
            return AnswerKind.LETTERS.matches(input);
        }
    },
    /** {@code sort 5291} is answered {@code 1259}: the digits in ascending order. */
    SORT("sort", AnswerKind.DIGITS) {
        @Override
        String input(SplittableRandom r) {
            StringBuilder s = new StringBuilder();
            int length = 3 + r.nextInt(2);
            for (int i = 0; i < length; i++) {
                s.append((char) ('0' + r.nextInt(10)));
            }
            return s.toString();
        }

        @Override
        String solve(String input) {
            char[] digits = input.toCharArray();
            Arrays.sort(digits);
            return new String(digits);
        }

        @Override
        boolean valid(String input) {
            return AnswerKind.DIGITS.matches(input);
        }
    },
    /** {@code max 3825} is answered {@code 8}: the largest digit. */
    MAX("max", AnswerKind.DIGITS) {
        @Override
        String input(SplittableRandom r) {
            return SORT.input(r);
        }

        @Override
        String solve(String input) {
            return String.valueOf((char) input.chars().max().orElseThrow());
        }

        @Override
        boolean valid(String input) {
            return AnswerKind.DIGITS.matches(input);
        }
    },
    /** {@code count c abcac} is answered {@code 2}: how often the letter occurs in the word. */
    COUNT("count", AnswerKind.DIGITS) {
        @Override
        String input(SplittableRandom r) {
            return LETTERS.charAt(r.nextInt(LETTERS.length())) + " " + letters(r, 3 + r.nextInt(4));
        }

        @Override
        String solve(String input) {
            char letter = input.charAt(0);
            return Long.toString(input.substring(2).chars().filter(c -> c == letter).count());
        }

        @Override
        boolean valid(String input) {
            return input.length() >= 3 && input.charAt(1) == ' ' && AnswerKind.LETTERS.matches(input.substring(0, 1))
                    && AnswerKind.LETTERS.matches(input.substring(2));
        }
    };

    /** The letters words are made of (few, so a tiny character model can learn them). */
    public static final String LETTERS = "abcdefgh";

    private final String keyword;
    private final AnswerKind answerKind;

    TaskFamily(String keyword, AnswerKind answerKind) {
        this.keyword = keyword;
        this.answerKind = answerKind;
    }

    /** The first word of this family's prompts. */
    public String keyword() {
        return keyword;
    }

    /** What an answer of this family looks like. */
    public AnswerKind answerKind() {
        return answerKind;
    }

    /** A random input of this family. */
    abstract String input(SplittableRandom random);

    /** The correct answer to a valid input. */
    abstract String solve(String input);

    /** Whether {@code input} is a well-formed input of this family. */
    abstract boolean valid(String input);

    /** A random task of this family. */
    public Task sample(SplittableRandom random) {
        String input = input(random);
        return new Task(this, input, solve(input));
    }

    private static String letters(SplittableRandom r, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(LETTERS.charAt(r.nextInt(LETTERS.length())));
        }
        return s.toString();
    }
}
