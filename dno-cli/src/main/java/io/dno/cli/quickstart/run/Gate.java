package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One gate of the experiment (issue 15): a measured value against a threshold. A run whose gates do not all pass is
 * inconclusive: its table says nothing about the paper's claims.
 *
 * @param value     what was measured (pooled over seeds)
 * @param threshold the bound it must respect
 * @param passed    whether it does
 * @param meaning   what the value is, in one line
 */
record Gate(@JsonProperty("value") double value, @JsonProperty("threshold") double threshold,
            @JsonProperty("passed") boolean passed, @JsonProperty("meaning") String meaning) {

    /** A gate passed when {@code value >= threshold}. */
    static Gate atLeast(double value, double threshold, String meaning) {
        return new Gate(value, threshold, value >= threshold, meaning);
    }

    /** A gate passed when {@code value <= threshold}. */
    static Gate atMost(double value, double threshold, String meaning) {
        return new Gate(value, threshold, value <= threshold, meaning);
    }
}
