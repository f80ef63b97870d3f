package io.dno.core.pairs;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.PreferencePair;
import io.dno.core.seed.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Replay of earlier iterations' pairs (Rosset et al. 2024 §5.1): to keep the policy from regressing to
 * past bad behaviour, iteration t trains on its own new pairs plus at most {@code firstShare} (30%) of
 * iteration t-1's pairs, {@code firstShare * decay} (15%) of t-2's, and so on, halving. Counts are
 * rounded down; the old prompts are not re-sampled.
 *
 * <p>The choice is a seeded random sample without replacement, drawn for each source iteration from its
 * own stream (seed, t, source), so it is reproducible and does not change when other iterations do.
 *
 * @param firstShare the share of iteration t-1's pairs replayed, in [0, 1]
 * @param decay      the factor between consecutive shares, in [0, 1]
 */
public record PairReplay(double firstShare, double decay) {

    /** The paper's schedule: 30%, 15%, 7.5%, ... */
    public static final PairReplay PAPER = new PairReplay(0.30, 0.5);
    /** No replay. */
    public static final PairReplay NONE = new PairReplay(0, 0);

    public PairReplay {
        checkArgument(firstShare >= 0 && firstShare <= 1, "firstShare must be in [0, 1], got %s", firstShare);
        checkArgument(decay >= 0 && decay <= 1, "decay must be in [0, 1], got %s", decay);
    }

    /** The share of iteration {@code t - lookback}'s pairs replayed into t ({@code lookback >= 1}). */
    public double share(int lookback) {
        checkArgument(lookback >= 1, "lookback must be >= 1, got %s", lookback);
        return firstShare * Math.pow(decay, lookback - 1);
    }

    /** How many of {@code available} pairs of iteration {@code t - lookback} are replayed. */
    public int count(int lookback, int available) {
        return (int) Math.floor(share(lookback) * available + 1e-9);
    }

    /**
     * The training set of iteration {@code iteration}: {@code fresh} followed by the replayed pairs, most
     * recent source first.
     *
     * @param iteration the current iteration t ({@code >= 1})
     * @param fresh     the pairs built from iteration t's samples
     * @param earlier   each earlier iteration's own new pairs (not its replayed ones), keyed by iteration
     * @param seed      the run's seed
     */
    public List<PreferencePair> mix(int iteration, List<PreferencePair> fresh,
                                    Map<Integer, List<PreferencePair>> earlier, long seed) {
        checkArgument(iteration >= 1, "iteration must be >= 1, got %s", iteration);
        List<PreferencePair> out = new ArrayList<>(fresh);
        for (int source = iteration - 1; source >= 0; source--) {
            List<PreferencePair> pool = earlier.getOrDefault(source, List.of());
            for (PreferencePair p : pool) {
                checkArgument(p.iteration() == source, "the pairs given for iteration %s include one from iteration %s: "
                        + "pass each iteration's own new pairs, not its training set", source, p.iteration());
            }
            out.addAll(sample(pool, count(iteration - source, pool.size()), streamFor(seed, iteration, source)));
        }
        return out;
    }

    private static List<PreferencePair> sample(List<PreferencePair> pool, int k, SplittableRandom random) {
        List<PreferencePair> copy = new ArrayList<>(pool);
        for (int i = 0; i < k; i++) {              // partial Fisher-Yates: the first k are a uniform sample
            int j = i + random.nextInt(copy.size() - i);
            PreferencePair tmp = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, tmp);
        }
        return copy.subList(0, k);
    }

    private static SplittableRandom streamFor(long seed, int iteration, int source) {
        return new SplittableRandom(Seeds.mix(seed, iteration, source));
    }
}
