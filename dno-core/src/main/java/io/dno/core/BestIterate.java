package io.dno.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.OptionalInt;

/**
 * The iterate Algorithm 2 of Rosset et al. 2024 returns: the best of π_0..π_T by win rate against the teacher on
 * the validation prompts, or on the evaluation prompts when no validation set was given (an optimistic choice, which
 * {@link #selectedOn} says).
 *
 * @param iteration  the chosen iterate; empty when nothing was evaluated
 * @param selectedOn which held-out set chose it
 * @param winRate    its win rate on that set (NaN when nothing was evaluated)
 */
public record BestIterate(OptionalInt iteration, SelectedOn selectedOn, double winRate) {

    /** The held-out set the best iterate was chosen on. */
    public enum SelectedOn {
        @JsonProperty("validation") VALIDATION,
        @JsonProperty("evaluation") EVALUATION,
        @JsonProperty("none") NONE
    }

    public static final BestIterate NONE = new BestIterate(OptionalInt.empty(), SelectedOn.NONE, Double.NaN);

    public BestIterate {
        if (iteration == null) {
            iteration = OptionalInt.empty();
        }
        if (selectedOn == null) {
            throw new IllegalArgumentException("selectedOn must be VALIDATION, EVALUATION or NONE");
        }
    }
}
