package io.dno.core.pairs;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.List;

/**
 * DNO's large-margin pair rule (Rosset et al. 2024 §5.1, Algorithm 2 line 6).
 *
 * <ol>
 *   <li>A candidate may be the positive only if it is not defective and scores at least
 *       {@link DnoPairRules#minPositiveScore()} (5 of 6).</li>
 *   <li>It is paired with <em>every</em> candidate at least {@link DnoPairRules#margin()} (2) points lower, or
 *       {@link DnoPairRules#studentPositiveMargin()} (1) point lower when the positive is a student sample.</li>
 *   <li>Ties and smaller gaps give no pair.</li>
 *   <li>A defective student sample counts as scoring {@link DnoPairRules#scaleMin()}: an automatic negative for
 *       every positive that clears its margin over the bottom of the scale. The recorded margin is the gap
 *       to that effective score.</li>
 * </ol>
 *
 * <p>Every pair carries the soft target z* = σ(r_t(y⁺) − r_t(y⁻)) of Eq. 8 (Algorithm 1), with r_t each side's
 * expected win rate against the prompt's candidates ({@link WinRates}, Algorithm 2 line 5; effective scores, so a
 * defective sample loses to everything). {@code Losses.dnoRegression} trains on it; the DPO-form losses of Eq. 13
 * ignore it. Large-margin pairs have targets well above ½ but never 1: r_t lies in [0, 1], so z* ≤ σ(1) ≈ 0.73.
 *
 * <p>With {@code teacherPositivesOnly} it is DNO-Restrictive: the same annotations, but only pairs whose
 * positive is the teacher's answer (T≻S) are admitted.
 */
public final class DnoPairBuilder implements PairBuilder {
    private final DnoPairRules rules;
    private final DefectDetector detector;
    private final boolean teacherPositivesOnly;
    private final WinRates winRates;

    DnoPairBuilder(DnoPairRules rules, DefectDetector detector, boolean teacherPositivesOnly, WinRates winRates) {
        checkArgument(rules != null, "rules must not be null; use DnoPairRules.PAPER");
        checkArgument(detector != null, "detector must not be null; use DefectDetector.none()");
        checkArgument(winRates != null, "winRates must not be null; use WinRates.fromScores()");
        this.rules = rules;
        this.detector = detector;
        this.teacherPositivesOnly = teacherPositivesOnly;
        this.winRates = winRates;
    }

    @Override
    public List<PreferencePair> build(Prompt prompt, List<Scored> candidates, int iteration) {
        List<Candidate> pool = CandidatePool.distinct(prompt, candidates, detector);
        double[] r = CandidatePool.winRates(pool, winRates, this::effectiveScore);
        List<PreferencePair> pairs = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            Candidate positive = pool.get(i);
            if (!eligible(positive)) {
                continue;
            }
            double needed = rules.marginFor(positive);
            for (int j = 0; j < pool.size(); j++) {
                Candidate negative = pool.get(j);
                double negativeScore = effectiveScore(negative);
                if (j != i && CandidatePool.gapAtLeast(positive.score(), negativeScore, needed)) {
                    pairs.add(PreferencePair.of(prompt, positive.response(), negative.response(),
                            positive.score() - negativeScore, iteration, WinRates.softTarget(r[i], r[j])));
                }
            }
        }
        return pairs;
    }

    private boolean eligible(Candidate candidate) {
        return !candidate.defective()
                && candidate.score() >= rules.minPositiveScore() - CandidatePool.TOLERANCE
                && (!teacherPositivesOnly || candidate.isTeacher());
    }

    private double effectiveScore(Candidate candidate) {
        return candidate.defective() ? Math.min(candidate.score(), rules.scaleMin()) : candidate.score();
    }

    /** How this builder estimates the win rates behind its soft targets. */
    public WinRates winRates() {
        return winRates;
    }

    /** The thresholds this builder applies. */
    public DnoPairRules rules() {
        return rules;
    }

    @Override
    public String name() {
        return (teacherPositivesOnly ? "dnoRestrictive" : "dno") + "(positive>=" + rules.minPositiveScore()
                + ", margin>=" + rules.margin() + ", student margin>=" + rules.studentPositiveMargin()
                + ", scale=[" + rules.scaleMin() + ", " + rules.scaleMax() + "], defects=" + detector + ", win rates="
                + winRates.name() + ")";
    }
}
