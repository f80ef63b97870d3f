package io.dno.cli.quickstart.run;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * One method's iterates for one seed and the one chosen as its final model: the best on the validation prompts by
 * win rate against the teacher (Rosset et al. 2024, Algorithm 2 returns the best iterate on validation data; the
 * oracle is never consulted), the earliest on a tie. Methods with a single model keep it.
 *
 * @param iterates every iterate in order (iteration 0, the initialiser, first)
 * @param selected the index of the final model in {@code iterates}
 */
record MethodRun(List<IterationMeasure> iterates, int selected) {

    MethodRun {
        iterates = List.copyOf(iterates);
        checkArgument(selected >= 0 && selected < iterates.size(), "selected %s of %s iterates", selected,
                iterates.size());
    }

    /** The run of a method that leaves several iterates: the best on validation is final. */
    static MethodRun bestOnValidation(List<IterationMeasure> iterates) {
        int best = 0;
        for (int i = 1; i < iterates.size(); i++) {
            if (iterates.get(i).validationWinRate() > iterates.get(best).validationWinRate()) {
                best = i;
            }
        }
        return new MethodRun(iterates, best);
    }

    /** The run of a method with one model (or whose last model is final by definition). */
    static MethodRun lastIsFinal(List<IterationMeasure> iterates) {
        return new MethodRun(iterates, iterates.size() - 1);
    }

    IterationMeasure finalIterate() {
        return iterates.get(selected);
    }

    IterationMeasure last() {
        return iterates.get(iterates.size() - 1);
    }
}
