package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Correct answers out of a number of prompts.
 *
 * @param correct answers the oracle marks correct
 * @param total   prompts
 */
record FamilyCount(@JsonProperty("correct") int correct, @JsonProperty("total") int total) {

    static final FamilyCount ZERO = new FamilyCount(0, 0);

    FamilyCount plus(boolean right) {
        return new FamilyCount(correct + (right ? 1 : 0), total + 1);
    }

    FamilyCount plus(FamilyCount other) {
        return new FamilyCount(correct + other.correct, total + other.total);
    }

    double share() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }
}
