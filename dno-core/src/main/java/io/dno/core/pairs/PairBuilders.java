package io.dno.core.pairs;

/**
 * The pair rules of the paper and its baselines. Every builder here is pure, deterministic and
 * independent of candidate order.
 *
 * <pre>{@code
 * PairBuilder dno = PairBuilders.dno();                                   // the paper's rule, 6-point rubric
 * PairBuilder strict = PairBuilders.dno(DnoPairRules.PAPER.withMargin(3)); // stricter teacher margin
 * PairBuilder restrictive = PairBuilders.dnoRestrictive();                // T>S pairs only
 * PairBuilder spin = PairBuilders.spin();                                 // teacher over every sample
 * PairBuilder eq8 = PairBuilders.allPairs(WinRates.fromScale(0, 1));    // Algorithm 1's D_t, pairwise annotator
 * }</pre>
 *
 * <p>Every pair carries the soft target σ(r_t(y1) − r_t(y2)) of DNO's Eq. 8 from the candidates' win rates
 * ({@link WinRates}: from scalar scores by default), except SPIN's, whose target is 1.
 */
public final class PairBuilders {

    private PairBuilders() {}

    /** The default defect detector: word trigrams repeated in at least half of a sample's trigrams. */
    public static DefectDetector repeatedNgrams() {
        return new RepeatedNgramDetector(RepeatedNgramDetector.DEFAULT_N,
                RepeatedNgramDetector.DEFAULT_MAX_REPEATED_SHARE, RepeatedNgramDetector.DEFAULT_MIN_NGRAMS,
                RepeatedNgramDetector.Unit.WORDS);
    }

    /** A repeated n-gram detector with explicit thresholds (see {@link RepeatedNgramDetector}). */
    public static RepeatedNgramDetector repeatedNgrams(int n, double maxRepeatedShare, int minNgrams,
                                                       RepeatedNgramDetector.Unit unit) {
        return new RepeatedNgramDetector(n, maxRepeatedShare, minNgrams, unit);
    }

    /** DNO's rule with the paper's thresholds and the default defect detector. */
    public static DnoPairBuilder dno() {
        return dno(DnoPairRules.PAPER);
    }

    /** DNO's rule with the given thresholds and the default defect detector. */
    public static DnoPairBuilder dno(DnoPairRules rules) {
        return dno(rules, repeatedNgrams());
    }

    /** DNO's rule with the given thresholds and defect detector. */
    public static DnoPairBuilder dno(DnoPairRules rules, DefectDetector detector) {
        return dno(rules, detector, WinRates.fromScores());
    }

    /** DNO's rule with the given thresholds and defect detector, soft targets from {@code winRates}. */
    public static DnoPairBuilder dno(DnoPairRules rules, DefectDetector detector, WinRates winRates) {
        return new DnoPairBuilder(rules, detector, false, winRates);
    }

    /** DNO-Restrictive: DNO's rule, admitting only pairs whose positive is the teacher's answer. */
    public static DnoPairBuilder dnoRestrictive() {
        return dnoRestrictive(DnoPairRules.PAPER, repeatedNgrams());
    }

    /** DNO-Restrictive with the given thresholds and defect detector. */
    public static DnoPairBuilder dnoRestrictive(DnoPairRules rules, DefectDetector detector) {
        return dnoRestrictive(rules, detector, WinRates.fromScores());
    }

    /** DNO-Restrictive with the given thresholds and defect detector, soft targets from {@code winRates}. */
    public static DnoPairBuilder dnoRestrictive(DnoPairRules rules, DefectDetector detector, WinRates winRates) {
        return new DnoPairBuilder(rules, detector, true, winRates);
    }

    /** SPIN: the teacher's answer over every distinct student sample; scores unused. */
    public static SpinPairBuilder spin() {
        return new SpinPairBuilder();
    }

    /** The best candidate over the worst, if it wins by at least {@code margin} (> 0). */
    public static BestVsWorstPairBuilder bestVsWorst(double margin) {
        return bestVsWorst(margin, WinRates.fromScores());
    }

    /** The best candidate over the worst, soft target from {@code winRates}. */
    public static BestVsWorstPairBuilder bestVsWorst(double margin, WinRates winRates) {
        return new BestVsWorstPairBuilder(margin, winRates);
    }

    /** Every pair of distinct answers with its Eq. 8 target: Algorithm 1's D_t, win rates from scalar scores. */
    public static AllPairsBuilder allPairs() {
        return allPairs(WinRates.fromScores());
    }

    /** Every pair of distinct answers with its Eq. 8 target from {@code winRates} (Algorithm 1's D_t). */
    public static AllPairsBuilder allPairs(WinRates winRates) {
        return new AllPairsBuilder(winRates);
    }

    /** Positives for SFT: non-defective candidates scoring at least the paper's eligibility threshold (5). */
    public static PositiveSelector positives() {
        return positives(DnoPairRules.PAPER.minPositiveScore(), repeatedNgrams());
    }

    /** Positives for SFT: non-defective candidates scoring at least {@code minScore}. */
    public static PositiveSelector positives(double minScore, DefectDetector detector) {
        return new PositiveSelector(minScore, detector);
    }
}
