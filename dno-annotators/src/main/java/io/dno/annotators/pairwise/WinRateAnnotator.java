package io.dno.annotators.pairwise;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.annotators.judge.Scale;
import io.dno.annotators.report.Counters;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns a pairwise preference function into per-candidate scores as in DNO Algorithm 2 line 5 (Rosset et
 * al. 2024): each candidate's win-rate against the others, r(y) = mean over y' ≠ y of P(y ≻ y' | x), mapped
 * linearly from [0, 1] onto {@code scale} (so the pair rules can read it on the rubric's scale).
 *
 * <p>Every unordered pair is asked once, or in both orders when {@code bothOrders} (P(y ≻ y') is then the
 * mean of the first answer and one minus the second, cancelling a preference for the first position). A
 * candidate with a missing or invalid comparison (empty, outside [0, 1]) is unannotated rather than ranked
 * on fewer opponents; so is a lone candidate, which has no one to win against.
 *
 * <p>Counters: {@code judgements}, {@code comparisons}, {@code failed_comparisons}, {@code scored},
 * {@code unannotated}.
 */
public final class WinRateAnnotator implements Annotator {
    private final String name;
    private final PairwisePreference preference;
    private final boolean bothOrders;
    private final Scale scale;
    private final Counters counters = new Counters();

    public WinRateAnnotator(String name, PairwisePreference preference, boolean bothOrders, Scale scale) {
        checkArgument(name != null && !name.isBlank(), "a win-rate annotator needs a name");
        this.name = name;
        this.preference = preference;
        this.bothOrders = bothOrders;
        this.scale = scale;
    }

    @Override
    public Judgement judge(Prompt prompt, List<Response> candidates) {
        counters.increment("judgements");
        int n = candidates.size();
        double[][] p = new double[n][n];
        boolean[] failed = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                OptionalDouble pij = ask(prompt, candidates.get(i), candidates.get(j));
                if (bothOrders && pij.isPresent()) {
                    OptionalDouble pji = ask(prompt, candidates.get(j), candidates.get(i));
                    pij = pji.isPresent() ? OptionalDouble.of((pij.getAsDouble() + 1 - pji.getAsDouble()) / 2)
                            : OptionalDouble.empty();
                }
                if (pij.isEmpty()) {
                    failed[i] = true;
                    failed[j] = true;
                    continue;
                }
                p[i][j] = pij.getAsDouble();
                p[j][i] = 1 - pij.getAsDouble();
            }
        }
        List<Scored> scored = new ArrayList<>();
        List<Response> unannotated = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (failed[i] || n < 2) {
                unannotated.add(candidates.get(i));
                continue;
            }
            double wins = 0;
            for (int j = 0; j < n; j++) {
                wins += i == j ? 0 : p[i][j];
            }
            double winRate = wins / (n - 1);
            scored.add(new Scored(candidates.get(i), scale.min() + winRate * (scale.max() - scale.min()),
                    String.format(java.util.Locale.ROOT, "win-rate %.4f against %d other candidates", winRate, n - 1)));
        }
        counters.add("scored", scored.size());
        counters.add("unannotated", unannotated.size());
        return new Judgement(prompt, scored, unannotated);
    }

    private OptionalDouble ask(Prompt prompt, Response first, Response second) {
        counters.increment("comparisons");
        OptionalDouble p = preference.prefer(prompt, first, second);
        if (p.isEmpty() || !(p.getAsDouble() >= 0 && p.getAsDouble() <= 1)) {
            counters.increment("failed_comparisons");
            return OptionalDouble.empty();
        }
        return p;
    }

    @Override
    public String name() {
        return "win-rate(" + name + ", both_orders=" + bothOrders + ", scale=" + scale + ")";
    }

    @Override
    public Map<String, Double> counters() {
        return counters.snapshot();
    }
}
