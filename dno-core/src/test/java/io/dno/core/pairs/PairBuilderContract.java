package io.dno.core.pairs;

import static io.dno.core.pairs.CandidateArbitraries.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties every {@link PairBuilder} must have. A builder's property class implements this interface
 * and adds the properties specific to its rule.
 */
interface PairBuilderContract {

    /** The builder under test with its default thresholds. */
    PairBuilder subject();

    @Provide
    default Arbitrary<List<Scored>> candidates() {
        return CandidateArbitraries.distinctCandidates();
    }

    @Provide
    default Arbitrary<List<Scored>> candidatesWithRepeats() {
        return CandidateArbitraries.candidatesWithRepeats();
    }

    @Property
    default void everyPairAnswersThePromptAndRecordsTheIteration(@ForAll("candidates") List<Scored> candidates) {
        Statistics.label("shape").collect(CandidateArbitraries.shape(candidates));
        Statistics.label("shape").coverage(c -> {
            c.check("empty").percentage(p -> p >= 2);
            c.check("single").percentage(p -> p >= 2);
            c.check("ties").percentage(p -> p >= 20);
        });
        for (PreferencePair pair : subject().build(PROMPT, candidates, 3)) {
            assertEquals(PROMPT, pair.prompt());
            assertEquals(PROMPT.id(), pair.chosen().promptId());
            assertEquals(PROMPT.id(), pair.rejected().promptId());
            assertEquals(3, pair.iteration());
        }
    }

    @Property
    default void bothSidesComeFromTheCandidates(@ForAll("candidatesWithRepeats") List<Scored> candidates) {
        Set<Response> offered = candidates.stream().map(Scored::response).collect(Collectors.toSet());
        for (PreferencePair pair : subject().build(PROMPT, candidates, 1)) {
            assertTrue(offered.contains(pair.chosen()), () -> "invented chosen " + pair.chosen());
            assertTrue(offered.contains(pair.rejected()), () -> "invented rejected " + pair.rejected());
        }
    }

    @Property
    default void noPairComparesATextWithItselfNorRepeats(@ForAll("candidatesWithRepeats") List<Scored> candidates) {
        List<PreferencePair> pairs = subject().build(PROMPT, candidates, 1);
        for (PreferencePair pair : pairs) {
            assertNotEquals(pair.chosen().text(), pair.rejected().text());
        }
        Set<List<String>> sides = pairs.stream().map(p -> List.of(p.chosen().text(), p.rejected().text()))
                .collect(Collectors.toSet());
        assertEquals(pairs.size(), sides.size(), "the same comparison appears twice");
    }

    @Property
    default void candidateOrderDoesNotMatter(@ForAll("candidatesWithRepeats") List<Scored> candidates,
                                             @ForAll Random random) {
        List<Scored> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, random);
        assertEquals(subject().build(PROMPT, candidates, 1), subject().build(PROMPT, shuffled, 1));
    }

    @Property
    default void tiesGiveNothing(@ForAll("candidates") List<Scored> candidates) {
        DefectDetector detector = PairBuilders.repeatedNgrams();
        List<Scored> allTied = candidates.stream()
                .filter(c -> !detector.isDefective(c.text()))        // defects are negatives whatever their score
                .map(c -> Scored.of(c.response(), 5.0))
                .toList();
        if (pairsTies()) {
            subject().build(PROMPT, allTied, 1).forEach(p -> assertEquals(0.5, p.target(), () -> "tie " + p));
        } else if (!scoresUnused()) {
            assertEquals(List.of(), subject().build(PROMPT, allTied, 1));
        }
    }

    @Property
    default void aSingleCandidateOrNoneGivesNoPair(@ForAll("candidates") List<Scored> candidates) {
        List<Scored> atMostOne = candidates.subList(0, Math.min(1, candidates.size()));
        assertEquals(List.of(), subject().build(PROMPT, atMostOne, 1));
    }

    @Property
    default void everyTargetIsTheSigmoidOfTheWinRateGap(@ForAll("candidatesWithRepeats") List<Scored> candidates) {
        Map<String, Double> r = ReferenceWinRates.of(candidates, (text, mean) -> effectiveScore(candidates, text, mean));
        for (PreferencePair pair : subject().build(PROMPT, candidates, 1)) {
            double expected = scoresUnused() ? 1.0
                    : ReferenceWinRates.sigmoidOfGap(r.get(pair.chosen().text()), r.get(pair.rejected().text()));
            assertEquals(expected, pair.target(), 1e-12, () -> "target of " + pair + " with win rates " + r);
            assertTrue(pair.target() >= 0.5, () -> "the chosen side is the likelier loser: " + pair);
        }
    }

    @Property
    default void aTargetAboveOneHalfMeansTheChosenSideWinsMoreOften(
            @ForAll("candidatesWithRepeats") List<Scored> candidates) {
        Map<String, Double> r = ReferenceWinRates.of(candidates, (text, mean) -> effectiveScore(candidates, text, mean));
        for (PreferencePair pair : subject().build(PROMPT, candidates, 1)) {
            if (!scoresUnused()) {
                assertEquals(pair.target() > 0.5, r.get(pair.chosen().text()) > r.get(pair.rejected().text()),
                        () -> pair + " with win rates " + r);
            }
        }
    }

    /** Whether the rule ignores scores (SPIN), so ties may still give pairs and every target is 1. */
    default boolean scoresUnused() {
        return false;
    }

    /** Whether the rule keeps tied answers as pairs with target ½ (Algorithm 1's unfiltered D_t). */
    default boolean pairsTies() {
        return false;
    }

    /** The score the rule compares for a text of {@code candidates} whose copies average {@code meanScore}. */
    default double effectiveScore(List<Scored> candidates, String text, double meanScore) {
        return meanScore;
    }

    /**
     * The DNO rules' effective score: a text with no teacher copy that the repeated-n-gram detector flags is an
     * automatic negative, the bottom of the scale; any other text keeps {@code meanScore}.
     */
    static double defectsAtTheBottom(List<Scored> candidates, String text, double meanScore) {
        boolean studentOnly = candidates.stream().filter(c -> c.text().equals(text))
                .allMatch(c -> c.response().isStudent());
        return studentOnly && PairBuilders.repeatedNgrams().isDefective(text) ? Math.min(meanScore, 0) : meanScore;
    }
}
