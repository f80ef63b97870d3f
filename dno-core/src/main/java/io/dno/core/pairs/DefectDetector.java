package io.dno.core.pairs;

/**
 * Flags degenerate samples, which then can never be a positive and are automatic negatives
 * (Rosset et al. 2024 §5.1: "a simple defect detector flags any sample with many repeated n-grams").
 * Implementations are pure and thread-safe.
 */
@FunctionalInterface
public interface DefectDetector {

    /** Whether {@code text} is degenerate. */
    boolean isDefective(String text);

    /** A detector that flags nothing. */
    static DefectDetector none() {
        return text -> false;
    }
}
