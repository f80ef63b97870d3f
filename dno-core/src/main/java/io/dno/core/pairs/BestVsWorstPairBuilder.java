package io.dno.core.pairs;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Scored;
import java.util.List;

/**
 * One pair per prompt: the best candidate over the worst, if the gap is at least {@code margin}
 * (the max/min selection of Online-RLHF, Dong et al. 2024). Ties for best or worst are broken by text,
 * so the choice does not depend on candidate order. The pair carries the soft target σ(r_t(best) − r_t(worst)) of
 * Eq. 8 of Rosset et al. 2024 from the candidates' win rates ({@link WinRates}).
 */
public final class BestVsWorstPairBuilder implements PairBuilder {
    private final double margin;
    private final WinRates winRates;

    BestVsWorstPairBuilder(double margin, WinRates winRates) {
        checkArgument(Double.isFinite(margin) && margin > 0,
                "margin must be > 0 (a zero margin would pair ties), got %s", margin);
        checkArgument(winRates != null, "winRates must not be null; use WinRates.fromScores()");
        this.margin = margin;
        this.winRates = winRates;
    }

    @Override
    public List<PreferencePair> build(Prompt prompt, List<Scored> candidates, int iteration) {
        List<Candidate> pool = CandidatePool.distinct(prompt, candidates, DefectDetector.none());
        if (pool.size() < 2) {
            return List.of();
        }
        Candidate best = pool.get(0);
        Candidate worst = pool.get(pool.size() - 1);
        if (!CandidatePool.gapAtLeast(best.score(), worst.score(), margin)) {
            return List.of();
        }
        double[] r = CandidatePool.winRates(pool, winRates, Candidate::score);
        return List.of(PreferencePair.of(prompt, best.response(), worst.response(), best.score() - worst.score(),
                iteration, WinRates.softTarget(r[0], r[pool.size() - 1])));
    }

    @Override
    public String name() {
        return "bestVsWorst(margin>=" + margin + ", win rates=" + winRates.name() + ")";
    }
}
