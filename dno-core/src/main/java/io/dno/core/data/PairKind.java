package io.dno.core.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which sides a preference pair compares: the three kinds of Table 2 of Rosset et al. 2024
 * (teacher over student, student over teacher, student over student), plus teacher over teacher and
 * pairs taken from a fixed data set.
 */
public enum PairKind {
    @JsonProperty("T>S") TEACHER_OVER_STUDENT("T>S"),
    @JsonProperty("S>T") STUDENT_OVER_TEACHER("S>T"),
    @JsonProperty("S>S") STUDENT_OVER_STUDENT("S>S"),
    @JsonProperty("T>T") TEACHER_OVER_TEACHER("T>T"),
    @JsonProperty("offline") OFFLINE("offline");

    private final String label;

    PairKind(String label) {
        this.label = label;
    }

    /** The short label used in files and reports, e.g. {@code "S>T"}. */
    public String label() {
        return label;
    }

    /** The kind of a pair whose chosen side has origin {@code chosen} and rejected side {@code rejected}. */
    public static PairKind between(Origin chosen, Origin rejected) {
        if (chosen == Origin.DATASET || rejected == Origin.DATASET) {
            return OFFLINE;
        }
        if (chosen == Origin.TEACHER) {
            return rejected == Origin.TEACHER ? TEACHER_OVER_TEACHER : TEACHER_OVER_STUDENT;
        }
        return rejected == Origin.TEACHER ? STUDENT_OVER_TEACHER : STUDENT_OVER_STUDENT;
    }

    @Override
    public String toString() {
        return label;
    }
}
