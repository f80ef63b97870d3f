package io.dno.core.pairs;

import static io.dno.core.pairs.CandidateArbitraries.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Scored;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Best-vs-worst with a margin (Online-RLHF's max/min selection). */
class BestVsWorstPairBuilderProperties implements PairBuilderContract {

    @Override
    public PairBuilder subject() {
        return PairBuilders.bestVsWorst(1.0);
    }

    @Property
    void atMostOnePairFromTheTopScoreToTheBottomScore(@ForAll("candidates") List<Scored> candidates) {
        List<PreferencePair> pairs = subject().build(PROMPT, candidates, 1);
        assertTrue(pairs.size() <= 1);
        if (pairs.isEmpty()) {
            return;
        }
        double max = candidates.stream().mapToDouble(Scored::score).max().orElseThrow();
        double min = candidates.stream().mapToDouble(Scored::score).min().orElseThrow();
        assertEquals(max - min, pairs.get(0).margin(), 1e-12);
        assertTrue(pairs.get(0).margin() >= 1.0);
    }

    @Property
    void aPairExistsWheneverTheSpreadReachesTheMargin(@ForAll("candidates") List<Scored> candidates,
                                                      @ForAll @IntRange(min = 1, max = 6) int margin) {
        double spread = candidates.stream().mapToDouble(Scored::score).max().orElse(0)
                - candidates.stream().mapToDouble(Scored::score).min().orElse(0);
        assertEquals(spread >= margin ? 1 : 0, PairBuilders.bestVsWorst(margin).build(PROMPT, candidates, 1).size());
    }

    @Property
    void addingAConstantToAllScoresChangesNothing(@ForAll("candidates") List<Scored> candidates,
                                                  @ForAll @IntRange(min = -40, max = 40) int quarterSteps) {
        List<Scored> shifted = candidates.stream()
                .map(c -> Scored.of(c.response(), c.score() + quarterSteps * 0.25)).toList();
        assertEquals(subject().build(PROMPT, candidates, 1), subject().build(PROMPT, shifted, 1));
    }
}
