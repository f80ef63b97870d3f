package io.dno.examples;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.data.ScoredPrompt;
import io.dno.core.loop.IterationStatistics;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.pairs.PairBuilders;
import io.dno.core.pairs.PairReplay;
import java.util.List;
import java.util.Map;

/** The README's example: DNO's pair rule, replay and Table-2 statistics on one prompt. */
public final class PairRulesExample {

    /**
     * What the example computes.
     *
     * @param training   the pairs iteration 2 trains on: its new pairs plus the replayed share of earlier ones
     * @param statistics the iteration's Table 2 statistics (best-of-n win rate, new pairs by kind, ...)
     */
    public record Report(List<PreferencePair> training, IterationStatistics statistics) {
        public Report {
            training = List.copyOf(training);
        }
    }

    private PairRulesExample() {}

    public static void main(String[] args) {
        Report report = run();
        report.training().forEach(p -> System.out.println(p.kind() + "  " + p.chosen().text() + "  >  "
                + p.rejected().text() + "   (margin " + p.margin() + ")"));
        System.out.println("best-of-n win rate " + report.statistics().bestOfNWinRate() + ", new pairs "
                + report.statistics().newPairs());
    }

    /** Builds iteration 2's pairs for one prompt with DNO's rule, mixes in replay and computes the statistics. */
    public static Report run() {
        Prompt prompt = Prompt.of("p1", "What is 12 + 30?");
        List<Scored> candidates = List.of(                                  // K student samples + the teacher, scored 0-6
                Scored.of(Response.student("p1", "42"), 6),
                Scored.of(Response.student("p1", "41"), 3),
                Scored.of(Response.student("p1", "42 42 42 42 42 42"), 5),      // repeated n-grams: an automatic negative
                Scored.of(Response.teacher("p1", "12 + 30 = 42."), 5));

        PairBuilder rule = PairBuilders.dno();                              // positive >= 5; margin 2, or 1 for a student positive
        List<PreferencePair> pairs = rule.build(prompt, candidates, 2);
        Map<Integer, List<PreferencePair>> earlier = Map.of();              // iteration -> its own new pairs
        List<PreferencePair> training = PairReplay.PAPER.mix(2, pairs, earlier, 7L);   // + 30% of t-1, 15% of t-2, ...

        IterationStatistics stats = IterationStatistics.compute(2, List.of(new ScoredPrompt(prompt, candidates)), pairs);
        return new Report(training, stats);
    }
}
