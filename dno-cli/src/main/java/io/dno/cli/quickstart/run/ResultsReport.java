package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code report.md}: results.json as tables, gates first, then the shape of the paper's Tables 1 and 2. */
final class ResultsReport {
    private ResultsReport() {}

    static String markdown(JsonNode results, String command, List<SeedResult> seeds, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Quickstart: a miniature DNO experiment\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append(String.format(Locale.ROOT, "Seeds: %s; wall time %.0f s on %d CPU cores.%n%n",
                results.get("seeds"), seconds, Runtime.getRuntime().availableProcessors()));
        gates(md, results);
        JsonNode t = results.get("teacher");
        JsonNode settings = results.get("settings");
        md.append(String.format(Locale.ROOT, "Teacher (the GPT-4-Turbo role): true accuracy %.3f ± %.3f on the "
                + "evaluation prompts; %.3f on its blind class (%.0f %% of the prompts, where it makes its "
                + "characteristic mistake with probability %.2f), %.3f elsewhere.%n%n", t.get("accuracy").asDouble(),
                t.get("accuracy_sd").asDouble(), t.get("blind_accuracy").asDouble(),
                100 * t.get("blind_share").asDouble(), settings.get("teacher_blind_mistake_rate").asDouble(),
                t.get("other_accuracy").asDouble()));
        table1(md, results);
        acceptance(md, results);
        table2(md, results);
        perIteration(md, results);
        md.append("\n## Per seed\n\n| seed | teacher accuracy | seconds (its tasks, summed) |\n|---|---|---|\n");
        for (SeedResult s : seeds) {
            md.append(String.format(Locale.ROOT, "| %d | %.3f | %.0f |%n", s.seed(), s.teacherAccuracy(), s.seconds()));
        }
        md.append("\nPlots: `plots/win_rate.png`, `plots/accuracy.png`, `plots/blind_accuracy.png`, "
                + "`plots/pair_kinds.png`, `plots/length.png`. "
                + "Every run directory (`seed-S/<method>/`) holds its own report.md with the judge's counters.\n");
        return md.toString();
    }

    private static void gates(StringBuilder md, JsonNode results) {
        boolean conclusive = results.get("conclusive").asBoolean();
        md.append("## Gates\n\n").append(conclusive ? "All gates pass: the comparisons below can be read.\n\n"
                : "**A gate fails: this run is inconclusive; read no claim from the tables below.**\n\n");
        md.append("| gate | value | threshold | passed | what |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, JsonNode> g : fields(results.get("gates"))) {
            JsonNode v = g.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %s | %s |%n", g.getKey(),
                    v.get("value").asDouble(), v.get("threshold").asDouble(), v.get("passed").asBoolean() ? "yes"
                            : "**no**", v.get("meaning").asText()));
        }
        md.append('\n');
    }

    private static void table1(StringBuilder md, JsonNode results) {
        md.append("## Table 1: final models (mean ± sd over seeds)\n\n");
        md.append("Accuracy is the truth (the oracle), overall, on the teacher's blind class and elsewhere; win rate "
                + "is the judge's view against the teacher's answer (ties half); length is in characters. The final "
                + "model of a method with several iterates is its best on the validation prompts; the last iterate "
                + "is beside it.\n\n");
        md.append("| method | final (mean iteration) | accuracy | blind | other | win rate vs teacher | LC win rate "
                + "| length | last: accuracy | last: blind | last: win rate |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, JsonNode> m : fields(results.get("methods"))) {
            JsonNode f = m.getValue().get("final");
            JsonNode s = m.getValue().get("spread");
            JsonNode l = m.getValue().get("last");
            JsonNode ls = m.getValue().get("last_spread");
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    m.getValue().get("title").asText(), m.getValue().get("final_iteration_mean").asDouble(),
                    pm(f, s, "accuracy"), pm(f, s, "blind_accuracy"), pm(f, s, "other_accuracy"),
                    pm(f, s, "win_rate"), pm(f, s, "lc_win_rate"), pm(f, s, "length"), pm(l, ls, "accuracy"),
                    pm(l, ls, "blind_accuracy"), pm(l, ls, "win_rate")));
        }
        md.append('\n');
    }

    private static void acceptance(StringBuilder md, JsonNode results) {
        md.append("## The issue's acceptance checks (means over seeds)\n\n| check | value | threshold | passed | what |\n"
                + "|---|---|---|---|---|\n");
        for (Map.Entry<String, JsonNode> c : fields(results.get("acceptance"))) {
            JsonNode v = c.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %+.3f | %s | %s | %s |%n", c.getKey(),
                    v.get("value").asDouble(), v.has("threshold") ? String.format(Locale.ROOT, "%.3f",
                            v.get("threshold").asDouble()) : "–",
                    v.has("passed") ? (v.get("passed").asBoolean() ? "yes" : "**no**") : "reported",
                    v.get("meaning").asText()));
        }
        md.append('\n');
    }

    private static void table2(StringBuilder md, JsonNode results) {
        md.append("## Table 2: training-data dynamics (mean over seeds)\n\n");
        md.append("Row \"Iter k\" describes the samples of the policy after k iterations, which feed iteration k+1. "
                + "Of the new S>T pairs, \"real\" ones beat a wrong teacher answer; \"format\" ones beat a right "
                + "teacher answer written in a worse form.\n\n");
        md.append("| run | round | inputs | student words | best-of-n WR vs teacher | avg student wins | "
                + "avg student score | avg teacher score | new T>S | new S>T (real / format) | new S>S | S>T share |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String key : List.of("dno_restrictive", "dno")) {
            for (JsonNode it : results.get("methods").get(key).get("iterations")) {
                JsonNode t2 = it.get("table2");
                if (t2 == null || t2.isEmpty()) {
                    continue;
                }
                JsonNode p = it.get("new_pairs");
                md.append(String.format(Locale.ROOT, "| %s | Iter %d | %.0f | %.2f | %.1f%% | %.2f | %.2f | %.2f | "
                                + "%.1f | %.1f (%.1f / %.1f) | %.1f | %.3f |%n",
                        key, it.get("iteration").asInt() - 1, t2.get("inputs").asDouble(),
                        t2.get("student_length_words").asDouble(), 100 * t2.get("best_of_n_win_rate").asDouble(),
                        t2.get("avg_student_wins").asDouble(), t2.get("avg_student_score").asDouble(),
                        t2.get("avg_teacher_score").asDouble(), p.path("T>S").asDouble(), p.path("S>T").asDouble(),
                        it.get("st_real").asDouble(), it.get("st_format").asDouble(), p.path("S>S").asDouble(),
                        it.get("st_share").asDouble()));
            }
        }
        md.append('\n');
    }

    private static void perIteration(StringBuilder md, JsonNode results) {
        md.append("## Per iteration (mean over seeds)\n\n");
        md.append("| method | iteration | accuracy | blind | other | win rate | validation WR | teacher score | "
                + "length | end loss | end reward acc. |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, JsonNode> m : fields(results.get("methods"))) {
            for (JsonNode it : m.getValue().get("iterations")) {
                JsonNode tr = it.get("training");
                md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %.1f | "
                                + "%s | %s |%n", m.getKey(), it.get("iteration").asInt(),
                        it.get("accuracy").asDouble(), it.get("blind_accuracy").asDouble(),
                        it.get("other_accuracy").asDouble(), it.get("win_rate").asDouble(),
                        it.get("validation_win_rate").asDouble(), it.get("teacher_score").asDouble(),
                        it.get("length").asDouble(),
                        tr == null ? "–" : String.format(Locale.ROOT, "%.3f", tr.get("loss").asDouble()),
                        tr == null ? "–" : String.format(Locale.ROOT, "%.3f", tr.get("reward_accuracy").asDouble())));
            }
        }
    }

    private static String pm(JsonNode mean, JsonNode sd, String key) {
        return String.format(Locale.ROOT, key.equals("length") ? "%.2f ± %.2f" : "%.3f ± %.3f",
                mean.get(key).asDouble(), sd.get(key).asDouble());
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        node.fields().forEachRemaining(out::add);
        return out;
    }
}
