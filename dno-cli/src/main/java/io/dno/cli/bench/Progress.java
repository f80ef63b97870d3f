package io.dno.cli.bench;

import java.util.Locale;

/** One line per measured repetition on standard error, so a long run shows where it is (stdout stays JSON). */
final class Progress {
    private Progress() {}

    static void report(String bench, int rep, int warmup, int reps, String what, String result) {
        String label = rep < warmup ? "warm-up " + (rep + 1) + "/" + warmup : "rep " + (rep - warmup + 1) + "/" + reps;
        System.err.printf(Locale.ROOT, "bench %s %s %s: %s%n", bench, label, what, result);
    }
}
