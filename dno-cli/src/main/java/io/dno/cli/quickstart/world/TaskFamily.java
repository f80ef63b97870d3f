package io.dno.cli.quickstart.world;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The task families of the world. Each writes a prompt {@code "<keyword> <input>"} whose single correct answer
 * is a short string the oracle can check, like the paper's instructions answered by GPT-4-Turbo but with a
 * known truth (Rosset et al. 2024 §5.1 has no oracle; this world does, so true accuracy can be reported).
 *
 * <p>Every family has a <em>blind class</em>: inputs of a recognisable kind on which the teacher makes a
 * characteristic mistake ({@link #blindMistake}), as a strong model has systematic blind spots rather than only
 * random slips. A student that imitates the teacher learns the mistake; one that samples several answers
 * sometimes gets it right, and a judge that can tell can teach it so (the premise of DNO's student-over-teacher
 * pairs). Each family draws an input inside or outside its blind class on request, so a pool's blind share is
 * set by the caller, not by the accidents of a family's input space.
 */
public enum TaskFamily {
    /**
     * {@code next abci} is answered {@code bcdj}: every letter replaced by the next one (the words use every letter but
     * the last, so every letter has a next). Blind class: the word holds an {@code i}; mistake: the {@code i} left as
     * it is.
     */
    NEXT("next", AnswerKind.LETTERS) {
        @Override
        String input(SplittableRandom r, boolean blind) {
            while (true) {
                String word = letters(r, 3 + r.nextInt(3), LETTERS.length() - 1);
                if (inBlindClass(word) == blind) {
                    return word;
                }
            }
        }

        @Override
        String solve(String input) {
            return shift(input, true);
        }

        @Override
        boolean valid(String input) {
            return input.length() >= 3 && input.length() <= 5 && AnswerKind.LETTERS.matches(input)
                    && input.indexOf(LAST_LETTER) < 0;
        }

        @Override
        boolean inBlindClass(String input) {
            return input.indexOf(BLIND_LETTER) >= 0;
        }

        @Override
        String blindMistake(String input) {
            return shift(input, false);
        }
    },
    /** {@code sort 5291} is answered {@code 1259}. Blind class: a zero among the digits; mistake: zero sorted last. */
    SORT("sort", AnswerKind.DIGITS) {
        @Override
        String input(SplittableRandom r, boolean blind) {
            while (true) {
                String digits = distinctDigits(r, 4 + r.nextInt(2));
                if (inBlindClass(digits) == blind) {
                    return digits;
                }
            }
        }

        @Override
        String solve(String input) {
            char[] digits = input.toCharArray();
            Arrays.sort(digits);
            return new String(digits);
        }

        @Override
        boolean valid(String input) {
            return input.length() >= 4 && input.length() <= 5 && AnswerKind.DIGITS.matches(input)
                    && input.chars().distinct().count() == input.length();
        }

        @Override
        boolean inBlindClass(String input) {
            return input.indexOf('0') >= 0;
        }

        @Override
        String blindMistake(String input) {
            return solve(input).substring(1) + "0";         // the zero read as a ten
        }
    },
    /** {@code max 3825} is answered {@code 8}. Blind class: the first digit is the largest; mistake: it is overlooked. */
    MAX("max", AnswerKind.DIGITS) {
        @Override
        String input(SplittableRandom r, boolean blind) {
            while (true) {
                String digits = digits(r, 4 + r.nextInt(2));
                if (inBlindClass(digits) == blind) {
                    return digits;
                }
            }
        }

        @Override
        String solve(String input) {
            return String.valueOf((char) input.chars().max().orElseThrow());
        }

        @Override
        boolean valid(String input) {
            return input.length() >= 4 && input.length() <= 5 && AnswerKind.DIGITS.matches(input);
        }

        @Override
        boolean inBlindClass(String input) {
            char first = input.charAt(0);
            return input.substring(1).chars().allMatch(c -> c < first);
        }

        @Override
        String blindMistake(String input) {
            return String.valueOf((char) input.substring(1).chars().max().orElseThrow());
        }
    };

    /** The letters words are made of (few, so a tiny character model can learn them). */
    public static final String LETTERS = "abcdefghij";
    private static final char LAST_LETTER = LETTERS.charAt(LETTERS.length() - 1);
    private static final char BLIND_LETTER = LETTERS.charAt(LETTERS.length() - 2);

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

    /** A random input of this family, inside the blind class when {@code blind}, outside it otherwise. */
    abstract String input(SplittableRandom random, boolean blind);

    /** The correct answer to a valid input. */
    abstract String solve(String input);

    /** Whether {@code input} is a well-formed input of this family. */
    abstract boolean valid(String input);

    /** Whether a valid input is in the class on which the teacher has its blind spot. */
    abstract boolean inBlindClass(String input);

    /** The teacher's characteristic wrong answer to an input of the blind class (never the correct answer). */
    abstract String blindMistake(String input);

    /** A random task of this family, inside the blind class when {@code blind}. */
    public Task sample(SplittableRandom random, boolean blind) {
        String input = input(random, blind);
        return new Task(this, input, solve(input));
    }

    /** A word of {@code length} letters drawn from the first {@code alphabet} letters. */
    private static String letters(SplittableRandom r, int length, int alphabet) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(LETTERS.charAt(r.nextInt(alphabet)));
        }
        return s.toString();
    }

    /** Every letter replaced by the next one; {@link #BLIND_LETTER} too, or left as it is when {@code all} is off. */
    private static String shift(String word, boolean all) {
        StringBuilder out = new StringBuilder(word.length());
        for (char c : word.toCharArray()) {
            out.append(c == BLIND_LETTER && !all ? c : LETTERS.charAt(LETTERS.indexOf(c) + 1));
        }
        return out.toString();
    }

    private static String distinctDigits(SplittableRandom r, int length) {
        char[] all = "0123456789".toCharArray();
        for (int i = 0; i < length; i++) {                 // partial Fisher-Yates
            int j = i + r.nextInt(all.length - i);
            char tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return new String(all, 0, length);
    }

    private static String digits(SplittableRandom r, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        return s.toString();
    }
}
