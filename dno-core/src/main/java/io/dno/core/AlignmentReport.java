package io.dno.core;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a run: one report per iteration (0 = the initial policy), the Lookahead retraining when the
 * strategy has one, and the best iterate (Algorithm 2 of Rosset et al. 2024).
 *
 * @param strategy     the strategy's name
 * @param runDirectory where the artifacts are
 * @param iterations   iteration 0 (initial policy) to T
 * @param lookahead    the Lookahead retraining, or null
 * @param best         the iterate chosen on held-out prompts
 */
public record AlignmentReport(String strategy, String runDirectory, List<IterationReport> iterations,
                              IterationReport lookahead, BestIterate best) {
    public AlignmentReport {
        iterations = ImmutableList.copyOf(iterations);
    }

    /** The last iteration's report (the final iterate of an iterative strategy). */
    public IterationReport last() {
        return iterations.get(iterations.size() - 1);
    }

    /** The iterations, then the Lookahead retraining if there is one. */
    public List<IterationReport> steps() {
        List<IterationReport> out = new ArrayList<>(iterations);
        if (lookahead != null) {
            out.add(lookahead);
        }
        return out;
    }
}
