package io.dno.core.pairs;

import static io.dno.core.pairs.CandidateArbitraries.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Algorithm 1's D_t (Rosset et al. 2024, Eq. 8): every pair of distinct answers with its soft target. */
class AllPairsBuilderProperties implements PairBuilderContract {

    @Override
    public PairBuilder subject() {
        return PairBuilders.allPairs();
    }

    @Override
    public boolean pairsTies() {
        return true;
    }

    @Property
    void pairsEveryTwoDistinctAnswersExactlyOnce(@ForAll("candidatesWithRepeats") List<Scored> candidates) {
        long distinct = candidates.stream().map(Scored::text).distinct().count();
        List<PreferencePair> pairs = subject().build(PROMPT, candidates, 1);
        assertEquals(distinct * (distinct - 1) / 2, pairs.size());
        Set<Set<String>> unordered = pairs.stream().map(p -> Set.of(p.chosen().text(), p.rejected().text()))
                .collect(Collectors.toSet());
        assertEquals(pairs.size(), unordered.size(), "a comparison appears in both directions");
    }

    @Property
    void onAWinRateScaleTheTargetIsTheSigmoidOfTheScoreGap(@ForAll("candidates") List<Scored> candidates) {
        // scores on [0, 6] read as win rates s / 6 (a pairwise annotator's own probabilities)
        for (PreferencePair p : PairBuilders.allPairs(WinRates.fromScale(0, 6)).build(PROMPT, candidates, 1)) {
            double chosen = scoreOf(candidates, p.chosen().text());
            double rejected = scoreOf(candidates, p.rejected().text());
            assertEquals(ReferenceWinRates.sigmoidOfGap(chosen / 6, rejected / 6), p.target(), 1e-12, p::toString);
            assertTrue(chosen >= rejected, p::toString);
        }
    }

    @Example
    void rockPaperScissorsSamplesGiveTheirWinRateTargets() {
        // five draws R R P S S of a cyclic game scored by a pairwise annotator on [0, 1]: r(R) = (½ + 0 + 1 + 1) / 4,
        // r(P) = (1 + 1 + 0 + 0) / 4, r(S) = (0 + 1 + ½ + 0) / 4 (each against the other four draws)
        List<Scored> draws = List.of(scored("R", 0.625), scored("R", 0.625), scored("P", 0.5), scored("S", 0.375),
                scored("S", 0.375));
        List<PreferencePair> pairs = PairBuilders.allPairs(WinRates.fromScale(0, 1)).build(PROMPT, draws, 2);
        assertEquals(List.of("R>P", "R>S", "P>S"), pairs.stream()
                .map(p -> p.chosen().text() + ">" + p.rejected().text()).toList());
        assertEquals(1 / (1 + Math.exp(-0.125)), pairs.get(0).target(), 1e-12);
        assertEquals(1 / (1 + Math.exp(-0.25)), pairs.get(1).target(), 1e-12);
        assertEquals(1 / (1 + Math.exp(-0.125)), pairs.get(2).target(), 1e-12);
    }

    @Example
    void aScoreOffTheWinRateScaleIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> PairBuilders.allPairs(WinRates.fromScale(0, 1))
                .build(PROMPT, List.of(scored("a", 5), scored("b", 0)), 1));
        assertTrue(e.getMessage().contains("score 5.0 is outside the win-rate scale [0.0, 1.0]"), e.getMessage());
    }

    private static Scored scored(String text, double score) {
        return Scored.of(Response.student(PROMPT.id(), text), score);
    }

    private static double scoreOf(List<Scored> candidates, String text) {
        return candidates.stream().filter(c -> c.text().equals(text)).mapToDouble(Scored::score).average()
                .orElseThrow();
    }
}
