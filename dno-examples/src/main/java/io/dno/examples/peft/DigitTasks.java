package io.dno.examples.peft;

import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.TokenizedPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic task family over digit strings, in token ids: prompt {@code [BOS, TASK, d1 .. dn, SEP]}, answer the
 * task's transform of the digits then {@code EOS}. COPY and SORT are the "pre-training" skills of the base;
 * REVERSE is the new skill that SFT and DPO teach. DPO pairs prefer the correct reversal to a near miss: two
 * adjacent digits swapped, or the digits copied unreversed (what a base that only knows COPY tends to do).
 */
final class DigitTasks {
    static final int PAD = 0;
    static final int BOS = 1;
    static final int SEP = 2;
    static final int EOS = 3;
    static final int FIRST_DIGIT = 4;
    static final int DIGITS = 10;
    static final int VOCAB = 20;
    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 7;

    enum Task {
        COPY(14), SORT(15), REVERSE(16);

        final int token;

        Task(int token) {
            this.token = token;
        }

        int[] apply(int[] digits) {
            return switch (this) {
                case COPY -> digits.clone();
                case SORT -> Arrays.stream(digits).sorted().toArray();
                case REVERSE -> reversed(digits);
            };
        }
    }

    private DigitTasks() {}

    static int[] digits(SplittableRandom rng) {
        int n = MIN_LENGTH + rng.nextInt(MAX_LENGTH - MIN_LENGTH + 1);
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = FIRST_DIGIT + rng.nextInt(DIGITS);
        }
        return d;
    }

    static int[] prompt(Task task, int[] digits) {
        int[] p = new int[digits.length + 3];
        p[0] = BOS;
        p[1] = task.token;
        System.arraycopy(digits, 0, p, 2, digits.length);
        p[p.length - 1] = SEP;
        return p;
    }

    static int[] answer(int[] digits) {
        int[] a = Arrays.copyOf(digits, digits.length + 1);
        a[digits.length] = EOS;
        return a;
    }

    /** {@code count} demonstrations of the given tasks, drawn round-robin, digits from {@code seed}. */
    static List<TokenizedDemonstration> demonstrations(List<Task> tasks, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<TokenizedDemonstration> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Task task = tasks.get(i % tasks.size());
            int[] d = digits(rng);
            out.add(new TokenizedDemonstration(prompt(task, d), answer(task.apply(d))));
        }
        return out;
    }

    /** REVERSE pairs: chosen the reversal; rejected a swap of two adjacent digits in it, or the unreversed copy. */
    static List<TokenizedPair> reversePairs(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<TokenizedPair> out = new ArrayList<>(count);
        while (out.size() < count) {
            int[] d = digits(rng);
            int[] good = Task.REVERSE.apply(d);
            int[] bad;
            if (rng.nextBoolean()) {
                bad = good.clone();
                int i = rng.nextInt(bad.length - 1);
                int t = bad[i];
                bad[i] = bad[i + 1];
                bad[i + 1] = t;
            } else {
                bad = d.clone();
            }
            if (!Arrays.equals(good, bad)) {
                out.add(TokenizedPair.of(prompt(Task.REVERSE, d), answer(good), answer(bad)));
            }
        }
        return out;
    }

    private static int[] reversed(int[] digits) {
        int[] r = new int[digits.length];
        for (int i = 0; i < digits.length; i++) {
            r[i] = digits[digits.length - 1 - i];
        }
        return r;
    }
}
