package io.dno.core.loop;

/** The two held-out prompt sets every iterate is judged on against the teacher (Rosset et al. 2024, Algorithm 2). */
public enum HeldOut {
    /** The evaluation prompts: what the reports show. */
    EVALUATION("eval"),
    /** The validation prompts: where the best iterate is chosen. */
    VALIDATION("validation");

    private final String prefix;

    HeldOut(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix of this set's files in a step directory. */
    public String prefix() {
        return prefix;
    }
}
