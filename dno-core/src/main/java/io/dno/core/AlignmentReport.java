package io.dno.core;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The outcome of a run: one report per iteration (0 = the initial policy), the Lookahead retraining when
 * the strategy has one, and the best iterate. As in Algorithm 2 of Rosset et al. 2024, the best of π_0..π_T
 * is chosen on the validation prompts (or on the evaluation prompts when no validation set was given, which
 * {@code bestSelectedOn} says).
 *
 * @param strategy       the strategy's label
 * @param runDirectory   where the artifacts are
 * @param iterations     iteration 0 (initial policy) to T
 * @param lookahead      the Lookahead retraining, or null
 * @param bestIteration  the iterate with the highest win rate on the selection set, or -1 without one
 * @param bestSelectedOn {@code validation}, {@code evaluation}, or {@code none}
 */
public record AlignmentReport(String strategy, String runDirectory, List<IterationReport> iterations,
                              IterationReport lookahead, int bestIteration, String bestSelectedOn) {
    public AlignmentReport {
        iterations = ImmutableList.copyOf(iterations);
    }

    /** The last iteration's report (the final iterate of an iterative strategy). */
    public IterationReport last() {
        return iterations.get(iterations.size() - 1);
    }
}
