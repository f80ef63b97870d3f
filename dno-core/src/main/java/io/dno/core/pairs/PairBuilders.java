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
 * }</pre>
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
        return new DnoPairBuilder(rules, detector, false);
    }

    /** DNO-Restrictive: DNO's rule, admitting only pairs whose positive is the teacher's answer. */
    public static DnoPairBuilder dnoRestrictive() {
        return dnoRestrictive(DnoPairRules.PAPER, repeatedNgrams());
    }

    /** DNO-Restrictive with the given thresholds and defect detector. */
    public static DnoPairBuilder dnoRestrictive(DnoPairRules rules, DefectDetector detector) {
        return new DnoPairBuilder(rules, detector, true);
    }

    /** SPIN: the teacher's answer over every distinct student sample; scores unused. */
    public static SpinPairBuilder spin() {
        return new SpinPairBuilder();
    }

    /** The best candidate over the worst, if it wins by at least {@code margin} (> 0). */
    public static BestVsWorstPairBuilder bestVsWorst(double margin) {
        return new BestVsWorstPairBuilder(margin);
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
