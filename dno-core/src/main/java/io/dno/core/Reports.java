package io.dno.core;

import io.dno.core.data.PairKind;
import io.dno.core.eval.Evaluation;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import io.dno.core.loop.IterationStatistics;
import io.dno.core.loop.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** Assembles the {@link AlignmentReport} and writes {@code report.json} and {@code report.md}. */
final class Reports {
    private Reports() {}

    static AlignmentReport assemble(Plan plan, List<IterationReport> iterations, IterationReport lookahead) {
        return new AlignmentReport(plan.strategy().name(), plan.directory().root().toString(), iterations,
                lookahead, best(plan, iterations));
    }

    /** The iterate with the highest win rate on the validation prompts (or the evaluation prompts); first on ties. */
    static BestIterate best(Plan plan, List<IterationReport> iterations) {
        BestIterate.SelectedOn on = !plan.data().validationPrompts().isEmpty() ? BestIterate.SelectedOn.VALIDATION
                : !plan.data().evaluationPrompts().isEmpty() ? BestIterate.SelectedOn.EVALUATION
                : BestIterate.SelectedOn.NONE;
        BestIterate best = new BestIterate(OptionalInt.empty(), on, Double.NaN);
        for (IterationReport r : iterations) {
            Evaluation e = on == BestIterate.SelectedOn.VALIDATION ? r.validation() : r.evaluation();
            if (e != null && !Double.isNaN(e.winRate())
                    && (best.iteration().isEmpty() || e.winRate() > best.winRate())) {
                best = new BestIterate(OptionalInt.of(r.iteration()), on, e.winRate());
            }
        }
        return best;
    }

    static IterationReport readIteration(Path file) {
        try {
            return Json.mapper().treeToValue(Json.readObject(file, "stats.json"), IterationReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not a valid iteration report: " + e.getMessage(), e);
        }
    }

    static void write(RunDirectory dir, AlignmentReport report) {
        Json.write(dir.reportJson(), report);
        AtomicFiles.writeString(dir.reportMarkdown(), markdown(report));
    }

    static String oneLine(IterationReport r) {
        StringBuilder b = new StringBuilder();
        if (r.evaluation() != null) {
            b.append(String.format(Locale.ROOT, "win rate %.3f (LC %.3f), score %.2f, length %.0f chars",
                    r.evaluation().winRate(), r.evaluation().lengthControlledWinRate(), r.evaluation().meanScore(),
                    r.evaluation().meanLength()));
        }
        if (r.examples().total() > 0) {
            b.append(b.length() > 0 ? "; " : "").append(r.examples().describe());
        }
        if (r.training() != null && r.training().steps() > 0) {
            b.append(String.format(Locale.ROOT, "; %d steps, loss %.4f -> %.4f", r.training().steps(),
                    r.training().firstLoss(), r.training().lastLoss()));
        }
        return b.toString();
    }

    static String markdown(AlignmentReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Alignment report: ").append(report.strategy()).append("\n\n");
        md.append("Run directory: `").append(report.runDirectory()).append("`\n\n");
        md.append("## Evaluation against the teacher (held-out prompts)\n\n");
        md.append("Win rate: the policy's answer scores higher than the teacher's by the annotator (ties count "
                + "half). LC: length-controlled win rate (logistic regression on the length difference, "
                + "AlpacaEval 2.0 style).\n\n");
        md.append("| step | WR | LC WR | mean score | teacher score | length (chars) | words | judged |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (IterationReport r : report.steps()) {
            Evaluation e = r.evaluation();
            if (e == null) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.2f | %.2f | %.0f | %.1f | %d/%d |%n",
                    r.step(), e.winRate(), e.lengthControlledWinRate(), e.meanScore(), e.meanTeacherScore(),
                    e.meanLength(), e.meanWords(), e.judged(), e.prompts()));
        }
        BestIterate best = report.best();
        if (best.iteration().isPresent()) {
            boolean optimistic = best.selectedOn() == BestIterate.SelectedOn.EVALUATION;
            md.append(String.format(Locale.ROOT, "%nBest iterate: **iter-%d** (win rate %.3f on the %s prompts%s).%n",
                    best.iteration().getAsInt(), best.winRate(), optimistic ? "evaluation" : "validation",
                    optimistic ? "; no validation set was given, so this choice is optimistic" : ""));
        }
        md.append("\n## Training data dynamics (Table 2 of Rosset et al. 2024)\n\n");
        md.append("| sampling round | inputs | student words | best-of-n WR vs teacher | student wins (avg) "
                + "| student score | teacher score | new T>S | new S>T | new S>S |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        boolean anyStats = false;
        for (IterationReport r : report.iterations()) {
            IterationStatistics s = r.statistics();
            if (s == null) {
                continue;
            }
            anyStats = true;
            md.append(String.format(Locale.ROOT, "| Iter %d | %d | %.1f ± %.1f | %.1f%% | %.3f | %.2f | %.2f | %d | %d | %d |%n",
                    s.iteration(), s.inputs(), s.studentLengthMean(), s.studentLengthSd(), 100 * s.bestOfNWinRate(),
                    s.averageStudentWins(), s.averageStudentScore(), s.averageTeacherScore(),
                    s.newPairs().get(PairKind.TEACHER_OVER_STUDENT), s.newPairs().get(PairKind.STUDENT_OVER_TEACHER),
                    s.newPairs().get(PairKind.STUDENT_OVER_STUDENT)));
        }
        if (!anyStats) {
            md.append("| (no annotated samples: this strategy does not score its training data) |||||||||| \n");
        }
        md.append("\n## Training\n\n| step | examples | steps | loss first → last | reward accuracy | reward margin |"
                + " seconds by stage |\n|---|---|---|---|---|---|---|\n");
        for (IterationReport r : report.steps()) {
            if (r.training() == null) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.4f → %.4f | %s | %s | %s |%n", r.step(),
                    r.examples().describe(), r.training().steps(), r.training().firstLoss(), r.training().lastLoss(),
                    metric(r, "rewards/accuracies"), metric(r, "rewards/margins"), values(r.secondsByStage())));
        }
        boolean anyJudge = report.steps().stream().anyMatch(r -> !r.annotator().isEmpty() || !r.judgeBias().isEmpty());
        if (anyJudge) {
            md.append("\n## Annotator\n\nJudge bias: correlation of score with answer length over every candidate "
                    + "scored in the step; position-swap agreement when the judge scored twice in two orders. "
                    + "Counters: over the step's training annotation.\n\n| step | judge bias | counters |\n|---|---|---|\n");
            for (IterationReport r : report.steps()) {
                md.append("| ").append(r.step()).append(" | ").append(values(r.judgeBias())).append(" | ")
                        .append(values(r.annotator())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String metric(IterationReport r, String name) {
        Double v = r.training().meanMetrics().get(name);
        return v == null ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String values(Map<String, Double> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.length() > 0 ? ", " : "").append(k).append(' ')
                .append(String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : Math.abs(v) < 10 ? "%.3f" : "%.1f", v)));
        return b.toString();
    }
}
