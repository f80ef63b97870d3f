package io.dno.cli.quickstart.world;

/**
 * The forms an answer of the world can take, from shortest to longest, so that length is something a judge can
 * reward (Rosset et al. 2024 §5.2: DNO's answers grow after the first iteration, claim D-7). Every form carries
 * the same value; only the words around it differ.
 */
public enum AnswerForm {
    /** The value alone: {@code 1259}. */
    BARE,
    /** The value after a short preamble: {@code ans 1259}. */
    PREAMBLE,
    /** The input restated, then the value: {@code 5291 so 1259}. */
    WORKED
}
