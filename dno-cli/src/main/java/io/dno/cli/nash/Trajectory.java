package io.dno.cli.nash;

import io.dno.cli.nash.NashResult.IterationResult;
import io.dno.cli.nash.NashResult.MethodResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The iterates π_0..π_T of one method on one game's prompts (exact outcome distributions per prompt), and the
 * theory's measures of them: distance of the mixture and of the last iterate from the minimax winner,
 * exploitability, win rate of each iterate over the previous one, and (for DNO) the distance from the exact
 * soft-policy-iteration target.
 *
 * @param game     the game
 * @param policies per iteration t = 0..T, per prompt of this game, the outcome distribution
 */
record Trajectory(Game game, List<double[][]> policies) {

    /** The sub-trajectory of the prompts {@code from} (inclusive) to {@code to} (exclusive) of every iterate. */
    static Trajectory of(Game game, List<double[][]> allPrompts, int from, int to) {
        List<double[][]> mine = new ArrayList<>();
        for (double[][] it : allPrompts) {
            mine.add(java.util.Arrays.copyOfRange(it, from, to));
        }
        return new Trajectory(game, mine);
    }

    int prompts() {
        return policies.get(0).length;
    }

    /** The uniform mixture of π_0..π_t at prompt i. */
    double[] mixture(int t, int i) {
        double[] m = new double[game.outcomes()];
        for (int k = 0; k <= t; k++) {
            for (int a = 0; a < m.length; a++) {
                m[a] += policies.get(k)[i][a] / (t + 1);
            }
        }
        return m;
    }

    /**
     * @param title      the method's description
     * @param pairs      pairs trained on per iteration t = 1..T (null entries allowed)
     * @param softTarget η when the method regresses on the soft-policy-iteration target (DNO), else null
     */
    MethodResult summarise(String title, List<Integer> pairs, Double softTarget) {
        List<IterationResult> its = new ArrayList<>();
        for (int t = 0; t < policies.size(); t++) {
            double tvMix = 0;
            double tvLast = 0;
            double exMix = 0;
            double exLast = 0;
            double win = 0;
            double toTarget = 0;
            double[] mean = new double[game.outcomes()];
            for (int i = 0; i < prompts(); i++) {
                double[] p = policies.get(t)[i];
                double[] mix = mixture(t, i);
                tvMix += game.distanceToWinner(mix);
                tvLast += game.distanceToWinner(p);
                exMix += game.exploitability(mix);
                exLast += game.exploitability(p);
                for (int a = 0; a < mean.length; a++) {
                    mean[a] += p[a] / prompts();
                }
                if (t > 0) {
                    double[] previous = policies.get(t - 1)[i];
                    win += game.winRate(p, previous);
                    if (softTarget != null) {
                        toTarget += totalVariation(p, game.softPolicyIteration(previous, softTarget));
                    }
                }
            }
            int n = prompts();
            its.add(new IterationResult(t, named(mean), round(tvMix / n), round(tvLast / n), round(exMix / n),
                    round(exLast / n), t == 0 ? null : round(win / n), t == 0 ? null : pairs.get(t - 1),
                    t == 0 || softTarget == null ? null : round(toTarget / n)));
        }
        return new MethodResult(title, its.stream().map(IterationResult::tvMixture).toList(),
                its.stream().map(IterationResult::tvLast).toList(),
                its.stream().skip(1).map(it -> it.winRateVsPrevious() > 0.5).toList(), its);
    }

    /** The exact soft-policy iteration from this trajectory's mean π_0: its mixture's distance per iteration. */
    List<Double> softPolicyIterationReference(double eta) {
        List<Double> tv = new ArrayList<>();
        double[] p = new double[game.outcomes()];
        for (double[] start : policies.get(0)) {
            for (int a = 0; a < p.length; a++) {
                p[a] += start[a] / prompts();
            }
        }
        double[] sum = new double[game.outcomes()];
        for (int t = 0; t < policies.size(); t++) {
            for (int a = 0; a < p.length; a++) {
                sum[a] += p[a];
            }
            double[] mixture = new double[p.length];
            for (int a = 0; a < p.length; a++) {
                mixture[a] = sum[a] / (t + 1);
            }
            tv.add(round(game.distanceToWinner(mixture)));
            p = game.softPolicyIteration(p, eta);
        }
        return tv;
    }

    /** The outcome distribution with the moves' names and {@code invalid}. */
    Map<String, Double> named(double[] p) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int m = 0; m < game.moves().size(); m++) {
            out.put(game.moves().get(m), round(p[m]));
        }
        out.put("invalid", round(p[game.moves().size()]));
        return out;
    }

    static double totalVariation(double[] p, double[] q) {
        double d = 0;
        for (int a = 0; a < p.length; a++) {
            d += Math.abs(p[a] - q[a]);
        }
        return d / 2;
    }

    /** Four decimals: the JSON is read by people, and the last digits of float training carry no meaning. */
    static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
