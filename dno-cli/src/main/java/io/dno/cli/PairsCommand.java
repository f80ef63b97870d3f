package io.dno.cli;

import io.dno.core.data.PairKind;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.ScoredPrompt;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.DataFiles;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.IterationStatistics;
import io.dno.core.pairs.DnoPairRules;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.pairs.PairBuilders;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dno pairs}: builds preference pairs from annotated candidates with one of the paper's rules and
 * prints the iteration's Table-2 statistics.
 */
@Command(name = "pairs", mixinStandardHelpOptions = true,
        description = "Build preference pairs from scored candidates and print the DNO paper's Table-2 statistics.")
final class PairsCommand implements Callable<Integer> {

    enum Rule { dno, restrictive, spin, best_vs_worst }

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "scored candidates, one prompt per line")
    Path in;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the pairs (JSONL, written atomically)")
    Path out;

    @Option(names = "--rule", defaultValue = "dno", description = "dno, restrictive, spin or best_vs_worst (default: ${DEFAULT-VALUE})")
    Rule rule;

    @Option(names = "--iteration", defaultValue = "1", description = "iteration recorded in each pair (default: ${DEFAULT-VALUE})")
    int iteration;

    @Option(names = "--min-positive", defaultValue = "5", description = "lowest score a positive may have (default: ${DEFAULT-VALUE})")
    double minPositive;

    @Option(names = "--margin", defaultValue = "2", description = "gap a teacher positive needs; best_vs_worst's gap (default: ${DEFAULT-VALUE})")
    double margin;

    @Option(names = "--student-margin", defaultValue = "1", description = "gap a student positive needs (default: ${DEFAULT-VALUE})")
    double studentMargin;

    @Option(names = "--scale", defaultValue = "0,6", split = ",", arity = "1", paramLabel = "MIN,MAX", description = "score scale (default: ${DEFAULT-VALUE})")
    double[] scale;

    @Option(names = "--stats", paramLabel = "FILE", description = "also write the statistics as JSON")
    Path stats;

    @Override
    public Integer call() {
        if (scale.length != 2) {
            throw new IllegalArgumentException("--scale takes MIN,MAX, got " + scale.length + " numbers");
        }
        List<ScoredPrompt> annotated = DataFiles.readScoredPrompts(in);
        PairBuilder builder = builder();
        List<PreferencePair> pairs = new ArrayList<>();
        for (ScoredPrompt prompt : annotated) {
            pairs.addAll(builder.build(prompt, iteration));
        }
        if (out != null) {
            Jsonl.write(out, pairs);
        }
        IterationStatistics statistics = IterationStatistics.compute(iteration, annotated, pairs);
        if (stats != null) {
            AtomicFiles.writeString(stats, Jsonl.toLine(statistics) + "\n");
        }
        print(builder, statistics, spec.commandLine().getOut());
        return 0;
    }

    private PairBuilder builder() {
        DnoPairRules rules = new DnoPairRules(scale[0], scale[1], minPositive, margin, studentMargin);
        return switch (rule) {
            case dno -> PairBuilders.dno(rules);
            case restrictive -> PairBuilders.dnoRestrictive(rules, PairBuilders.repeatedNgrams());
            case spin -> PairBuilders.spin();
            case best_vs_worst -> PairBuilders.bestVsWorst(margin);
        };
    }

    private static void print(PairBuilder builder, IterationStatistics s, PrintWriter out) {
        out.println("rule: " + builder.name());
        out.printf(Locale.ROOT, "inputs                       %d%n", s.inputs());
        out.printf(Locale.ROOT, "student length (words)       %.1f ± %.1f%n", s.studentLengthMean(), s.studentLengthSd());
        out.printf(Locale.ROOT, "best-of-n win rate vs teacher %.1f%%%n", 100 * s.bestOfNWinRate());
        out.printf(Locale.ROOT, "avg # student wins           %.3f%n", s.averageStudentWins());
        out.printf(Locale.ROOT, "avg student score            %.2f%n", s.averageStudentScore());
        out.printf(Locale.ROOT, "avg teacher score            %.2f%n", s.averageTeacherScore());
        for (PairKind kind : List.of(PairKind.TEACHER_OVER_STUDENT, PairKind.STUDENT_OVER_TEACHER,
                PairKind.STUDENT_OVER_STUDENT)) {
            out.printf(Locale.ROOT, "new %-3s pairs                %d%n", kind.label(), s.newPairs().get(kind));
        }
        out.printf(Locale.ROOT, "new pairs in all             %d%n", s.totalNewPairs());
        out.flush();
    }

}
