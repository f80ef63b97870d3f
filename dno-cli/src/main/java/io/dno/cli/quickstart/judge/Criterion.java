package io.dno.cli.quickstart.judge;

/**
 * The six additive points of the paper's rubric (Rosset et al. 2024 §5.1, after Yuan et al. 2024), in order,
 * each mapped to a check in the quickstart world. A response earns a point only if it earned all before it.
 * Points 1-5 are absolute (the response against the task); point 6 is relative: it goes to one response among the
 * candidates judged together, as a listwise judge ranks what it sees side by side.
 */
public enum Criterion {
    /** Paper: "formatted as an answer, not repetitive, not a continuation of the question". Here: reads as one of
     * the three answer forms, a worked answer restating the input exactly. */
    WELL_FORMED("well-formed"),
    /** Paper: "relevant, gives some related information". Here: the answer is of the family's kind. */
    RIGHT_KIND("right kind of answer"),
    /** Paper: "covers a substantial part of the question". Here: edit distance at most half the answer's length, rounded up. */
    MOSTLY_RIGHT("mostly right"),
    /** Paper: "answers nearly all elements correctly". Here: edit distance (with transpositions) at most 1. */
    NEARLY_RIGHT("nearly right"),
    /** Paper: "entirely correct". Here: the oracle's verdict. */
    EXACTLY_RIGHT("exactly right"),
    /** Paper: "concise, expertly tailored". Here: the best-formed of the call's answers judged exactly right (the
     * shortest; the longest with the judge's length bias). */
    BEST_OF_CALL("best answer of the call");

    private final String label;

    Criterion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
