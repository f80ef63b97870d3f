package io.dno.annotators.judge;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The whole-number range of a rubric's scores, e.g. 0–6 for the additive 6-point rubric (a response
 * earns 0 to 6 points; Rosset et al. 2024 §5.1) or 1–10 for MT-Bench-style grading.
 */
public record Scale(@JsonProperty(required = true) int min, @JsonProperty(required = true) int max) {

    public Scale {
        checkArgument(min < max, "scale: min (%s) must be below max (%s)", min, max);
    }

    /** Whether {@code score} is a whole number within the scale. */
    public boolean admits(double score) {
        return Double.isFinite(score) && score == Math.rint(score) && score >= min && score <= max;
    }

    @Override
    public String toString() {
        return min + "-" + max;
    }
}
