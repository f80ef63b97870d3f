package io.dno.core.pairs;

import static io.dno.core.pairs.CandidateArbitraries.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Scored;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** DNO's large-margin rule (Rosset et al. 2024 §5.1), checked against the rule as the paper states it. */
class DnoPairBuilderProperties implements PairBuilderContract {
    private static final DefectDetector DETECTOR = PairBuilders.repeatedNgrams();

    @Override
    public PairBuilder subject() {
        return PairBuilders.dno();
    }

    @Override
    public double effectiveScore(List<Scored> candidates, String text, double meanScore) {
        return PairBuilderContract.defectsAtTheBottom(candidates, text, meanScore);
    }

    @Property
    void admitsExactlyThePairsThePaperDescribes(@ForAll("candidates") List<Scored> candidates) {
        Set<List<Object>> expected = new HashSet<>();
        for (Scored positive : candidates) {
            boolean eligible = positive.score() >= 5 && !defective(positive);
            for (Scored negative : candidates) {
                double negativeScore = defective(negative) ? 0 : negative.score();
                double needed = positive.response().isStudent() ? 1 : 2;
                if (eligible && positive != negative && positive.score() - negativeScore >= needed) {
                    expected.add(List.of(positive.response(), negative.response(), positive.score() - negativeScore));
                }
            }
        }
        Set<List<Object>> actual = new HashSet<>();
        for (PreferencePair p : subject().build(PROMPT, candidates, 1)) {
            actual.add(List.of(p.chosen(), p.rejected(), p.margin()));
        }
        assertEquals(expected, actual);
    }

    @Property
    void everyPairClearsItsMarginAndRecordsTheGap(@ForAll("candidates") List<Scored> candidates) {
        for (PreferencePair p : subject().build(PROMPT, candidates, 1)) {
            double chosen = scoreOf(candidates, p.chosen().text());
            double rejected = defective(p.rejected().text()) ? 0 : scoreOf(candidates, p.rejected().text());
            assertEquals(chosen - rejected, p.margin(), 1e-12);
            assertTrue(p.margin() >= (p.chosen().isStudent() ? 1 : 2), () -> "margin too small: " + p);
        }
    }

    @Property
    void noPositiveIsUnderTheEligibilityThresholdOrDefective(@ForAll("candidates") List<Scored> candidates) {
        for (PreferencePair p : subject().build(PROMPT, candidates, 1)) {
            assertTrue(scoreOf(candidates, p.chosen().text()) >= 5, () -> "ineligible positive: " + p);
            assertTrue(!defective(p.chosen().text()), () -> "defective positive: " + p);
        }
    }

    @Property
    void raisingAMarginNeverAddsPairs(@ForAll("candidates") List<Scored> candidates,
                                      @ForAll @IntRange(min = 1, max = 4) int teacherMargin,
                                      @ForAll @IntRange(min = 1, max = 4) int studentMargin,
                                      @ForAll @IntRange(min = 0, max = 3) int raise) {
        DnoPairRules low = DnoPairRules.PAPER.withMargin(teacherMargin).withStudentPositiveMargin(studentMargin);
        Set<PreferencePair> lower = Set.copyOf(PairBuilders.dno(low).build(PROMPT, candidates, 1));
        Set<PreferencePair> higherTeacher = Set.copyOf(
                PairBuilders.dno(low.withMargin(teacherMargin + raise)).build(PROMPT, candidates, 1));
        Set<PreferencePair> higherStudent = Set.copyOf(PairBuilders.dno(
                low.withStudentPositiveMargin(studentMargin + raise)).build(PROMPT, candidates, 1));
        assertTrue(lower.containsAll(higherTeacher), "raising the teacher margin added a pair");
        assertTrue(lower.containsAll(higherStudent), "raising the student margin added a pair");
    }

    @Property
    void raisingTheEligibilityThresholdNeverAddsPairs(@ForAll("candidates") List<Scored> candidates,
                                                      @ForAll @IntRange(min = 0, max = 6) int threshold,
                                                      @ForAll @IntRange(min = 0, max = 6) int raise) {
        DnoPairRules rules = DnoPairRules.PAPER.withMinPositiveScore(threshold);
        DnoPairRules stricter = DnoPairRules.PAPER.withMinPositiveScore(Math.min(6, threshold + raise));
        assertTrue(Set.copyOf(PairBuilders.dno(rules).build(PROMPT, candidates, 1))
                .containsAll(PairBuilders.dno(stricter).build(PROMPT, candidates, 1)));
    }

    @Property
    void shiftingScoresAndScaleTogetherChangesNothing(@ForAll("candidates") List<Scored> candidates,
                                                      @ForAll @IntRange(min = -20, max = 20) int quarterSteps) {
        double offset = quarterSteps * 0.25;                  // exact in binary: no rounding noise
        List<Scored> shifted = candidates.stream().map(c -> Scored.of(c.response(), c.score() + offset)).toList();
        PairBuilder moved = PairBuilders.dno(DnoPairRules.PAPER.shifted(offset));
        assertEquals(subject().build(PROMPT, candidates, 1), moved.build(PROMPT, shifted, 1));
    }

    @Property
    void restrictiveIsDnoRestrictedToTeacherPositives(@ForAll("candidates") List<Scored> candidates) {
        List<PreferencePair> restrictive = PairBuilders.dnoRestrictive().build(PROMPT, candidates, 1);
        List<PreferencePair> teacherPositives = subject().build(PROMPT, candidates, 1).stream()
                .filter(p -> p.chosen().isTeacher()).toList();
        assertEquals(teacherPositives, restrictive);
    }

    private static boolean defective(Scored candidate) {
        return candidate.response().isStudent() && DETECTOR.isDefective(candidate.text());
    }

    private static boolean defective(String text) {
        return DETECTOR.isDefective(text);
    }

    private static double scoreOf(List<Scored> candidates, String text) {
        return candidates.stream().filter(c -> c.text().equals(text)).mapToDouble(Scored::score).average()
                .orElseThrow();
    }
}
