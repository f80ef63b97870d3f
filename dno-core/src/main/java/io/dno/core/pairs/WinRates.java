package io.dno.core.pairs;

/**
 * The expected win rate r_t(x, y) of each distinct answer of a prompt against the prompt's candidates: Algorithm 2
 * line 5 of Rosset et al. 2024 (arXiv:2404.03715), r_t(x, y) ≈ mean over the other candidates y' of P(y ≻ y'), the
 * Monte-Carlo estimate of Algorithm 1 line 3's r_t(x, y) = E_{y'∼π_t}[P(y ≻ y' | x)]. The pair rules turn it into the
 * soft target z* = σ(r_t(y1) − r_t(y2)) of Eq. 8 ({@link #softTarget}).
 *
 * <p>Candidates are counted with their multiplicity: K samples of π_t that repeat an answer are K draws of the
 * expectation, so a text sampled three times is three opponents. Implementations are pure: the result depends only
 * on the multiset of (score, copies), never on the order of the answers.
 */
public interface WinRates {

    /**
     * @param scores the score of each distinct answer (the mean over its copies; a defective sample's effective score)
     * @param copies how many candidates of the prompt had that answer's text, each {@code >= 1}
     * @return r per answer, in [0, 1], index-aligned with {@code scores}
     */
    double[] estimate(double[] scores, int[] copies);

    /** The estimate and its settings, for builders' names and provenance. */
    String name();

    /**
     * Win rates from scalar scores (a rubric judge): P(y ≻ y') is 1 when y scores higher, ½ when tied, 0 when lower,
     * averaged over the prompt's other candidates (copies of y itself count as ties).
     */
    static WinRates fromScores() {
        return ScoreWinRates.INSTANCE;
    }

    /**
     * Scores that already are win rates mapped linearly onto [{@code min}, {@code max}], as a pairwise annotator
     * writes them (dno-annotators' {@code WinRateAnnotator}): r = (score − min) / (max − min), the annotator's own
     * probabilities. A score outside the range is an error (the annotator's scale and this one disagree).
     */
    static WinRates fromScale(double min, double max) {
        return new ScaleWinRates(min, max);
    }

    /**
     * The soft target z* = σ(r1 − r2) of Eq. 8 for win rates r1 of y1 and r2 of y2: at least ½ when r1 >= r2, exactly
     * ½ for a tie. Computed without overflow for any finite rates.
     */
    static double softTarget(double r1, double r2) {
        if (!Double.isFinite(r1) || !Double.isFinite(r2)) {
            throw new IllegalArgumentException("win rates must be finite, got r1=" + r1 + " and r2=" + r2);
        }
        double d = r1 - r2;
        return d >= 0 ? 1 / (1 + Math.exp(-d)) : Math.exp(d) / (1 + Math.exp(d));
    }
}
