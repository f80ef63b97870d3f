package io.dno.core.pairs;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.List;

/**
 * The data set D_t of DNO's regression step, Algorithm 1 line 4 of Rosset et al. 2024 (arXiv:2404.03715): every
 * pair of distinct answers of the prompt, unfiltered, each with its soft target z* = σ(r_t(y1) − r_t(y2)) (Eq. 8)
 * from the candidates' win rates ({@link WinRates}). y1 is the side with the higher win rate (on a tie, the first in
 * canonical order: score descending, then text), so every target is at least ½; the recorded margin is the score
 * gap between the sides. Ties are kept with target exactly ½, because Eq. 8 regresses
 * on them too (they hold the two answers' log-ratios together). No defect detector, no threshold: this is the
 * theoretical algorithm, not the large-margin rule of Algorithm 2 ({@link DnoPairBuilder}).
 */
public final class AllPairsBuilder implements PairBuilder {
    private final WinRates winRates;

    AllPairsBuilder(WinRates winRates) {
        checkArgument(winRates != null, "winRates must not be null; use WinRates.fromScores()");
        this.winRates = winRates;
    }

    @Override
    public List<PreferencePair> build(Prompt prompt, List<Scored> candidates, int iteration) {
        List<Candidate> pool = CandidatePool.distinct(prompt, candidates, DefectDetector.none());
        double[] r = CandidatePool.winRates(pool, winRates, Candidate::score);
        List<PreferencePair> pairs = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            for (int j = i + 1; j < pool.size(); j++) {
                int a = r[j] > r[i] ? j : i;                      // y1: the likelier winner; a tie keeps the order
                int b = a == i ? j : i;
                pairs.add(PreferencePair.of(prompt, pool.get(a).response(), pool.get(b).response(),
                        Math.abs(pool.get(a).score() - pool.get(b).score()), iteration,
                        WinRates.softTarget(r[a], r[b])));
            }
        }
        return pairs;
    }

    /** How this builder estimates the win rates behind its targets. */
    public WinRates winRates() {
        return winRates;
    }

    @Override
    public String name() {
        return "allPairs(win rates=" + winRates.name() + ")";
    }
}
