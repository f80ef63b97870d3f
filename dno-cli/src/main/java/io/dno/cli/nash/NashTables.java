package io.dno.cli.nash;

import io.dno.cli.nash.NashResult.GameResult;
import io.dno.cli.nash.NashResult.IterationResult;
import io.dno.cli.nash.NashResult.MethodResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable form of a {@link NashResult}: one table per game and method, one row per iteration. */
final class NashTables {
    private NashTables() {}

    static void print(NashResult result, PrintWriter out) {
        out.println(result.command());
        result.games().forEach((name, game) -> print(name, game, out));
    }

    private static void print(String name, GameResult game, PrintWriter out) {
        out.printf(Locale.ROOT, "%n== %s (minimax winner %s) ==%n", name, game.minimaxWinner());
        for (Map.Entry<String, MethodResult> m : game.methods().entrySet()) {
            out.printf(Locale.ROOT, "%n%s: %s%n", m.getKey(), m.getValue().title());
            out.println("  t   pi_t(R)  pi_t(P)  pi_t(S)  invalid  TV mix  TV last  expl mix  P(t>t-1)  pairs  TV to SPI target"
                    + "  SPI mix TV");
            List<IterationResult> its = m.getValue().iterations();
            for (IterationResult it : its) {
                out.printf(Locale.ROOT, "%3d  %7.3f  %7.3f  %7.3f  %7.3f  %6.3f  %7.3f  %8.3f  %8s  %5s  %16s  %10.3f%n",
                        it.iteration(), it.policy().get("R"), it.policy().get("P"), it.policy().get("S"),
                        it.policy().get("invalid"),
                        it.tvMixture(), it.tvLast(), it.exploitabilityMixture(), format(it.winRateVsPrevious()),
                        it.pairs() == null ? "" : it.pairs().toString(), format(it.tvToTarget()),
                        game.softPolicyIteration().get(it.iteration()));
            }
        }
    }

    private static String format(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }
}
