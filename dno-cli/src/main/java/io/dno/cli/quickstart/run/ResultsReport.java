package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code report.md}: results.json as tables in the shape of the paper's Table 1 and Table 2. */
final class ResultsReport {
    private ResultsReport() {}

    static String markdown(JsonNode results, String command, List<SeedResult> seeds, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Quickstart: a miniature DNO experiment\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append(String.format(Locale.ROOT, "Seeds: %s; wall time %.0f s on %d CPU cores.%n%n",
                results.get("seeds"), seconds, Runtime.getRuntime().availableProcessors()));
        JsonNode t = results.get("teacher");
        md.append(String.format(Locale.ROOT, "Teacher (the GPT-4-Turbo role): true accuracy %.3f ± %.3f on the "
                + "evaluation prompts.%n%n", t.get("accuracy").asDouble(), t.get("accuracy_sd").asDouble()));
        md.append("## Table 1: final models (mean ± sd over seeds)\n\n");
        md.append("Accuracy is the truth (the oracle); win rate is the judge's view against the teacher's answer "
                + "(ties half); LC is the length-controlled win rate; length is in characters.\n\n");
        md.append("| method | final iterate | accuracy | win rate vs teacher | LC win rate | judge score | length |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, JsonNode> m : fields(results.get("methods"))) {
            JsonNode f = m.getValue().get("final");
            JsonNode s = m.getValue().get("spread");
            JsonNode iterations = m.getValue().get("iterations");
            String finalIterate = m.getKey().equals("dno_lookahead") ? "retrained, 1 epoch"
                    : m.getKey().startsWith("sft_") || m.getKey().equals("offline_dpo")
                    ? "epoch " + iterations.get(iterations.size() - 1).get("iteration").asInt()
                    : m.getKey().equals("sft") ? "initialiser"
                    : "iter " + iterations.get(iterations.size() - 1).get("iteration").asInt();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n",
                    m.getValue().get("title").asText(), finalIterate,
                    pm(f, s, "accuracy"), pm(f, s, "win_rate"), pm(f, s, "lc_win_rate"), pm(f, s, "score"),
                    pm(f, s, "length")));
        }
        md.append("\n## Per iteration (mean over seeds)\n\n");
        md.append("| method | iteration | accuracy | win rate | LC win rate | score | length |\n|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, JsonNode> m : fields(results.get("methods"))) {
            for (JsonNode it : m.getValue().get("iterations")) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.2f | %.1f |%n",
                        m.getKey(), it.get("iteration").asInt(), it.get("accuracy").asDouble(),
                        it.get("win_rate").asDouble(), it.get("lc_win_rate").asDouble(), it.get("score").asDouble(),
                        it.get("length").asDouble()));
            }
        }
        md.append("\n## Table 2: training-data dynamics (mean over seeds)\n\n");
        md.append("Row \"Iter k\" describes the samples of the policy after k iterations, which feed iteration k+1.\n\n");
        md.append("| run | round | inputs | student words | best-of-n WR vs teacher | avg student wins | "
                + "avg student score | avg teacher score | new T>S | new S>T | new S>S |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String key : List.of("dno_restrictive", "dno")) {
            JsonNode iterations = results.get("methods").get(key).get("iterations");
            for (JsonNode it : iterations) {
                JsonNode t2 = it.get("table2");
                if (t2 == null || t2.isEmpty()) {
                    continue;
                }
                JsonNode p = it.get("new_pairs");
                md.append(String.format(Locale.ROOT, "| %s | Iter %d | %.0f | %.2f | %.1f%% | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f |%n",
                        key, it.get("iteration").asInt() - 1, t2.get("inputs").asDouble(),
                        t2.get("student_length_words").asDouble(), 100 * t2.get("best_of_n_win_rate").asDouble(),
                        t2.get("avg_student_wins").asDouble(), t2.get("avg_student_score").asDouble(),
                        t2.get("avg_teacher_score").asDouble(), p.path("T>S").asDouble(), p.path("S>T").asDouble(),
                        p.path("S>S").asDouble()));
            }
        }
        md.append("\n## Per seed (final models)\n\n| seed | teacher accuracy | seconds |\n|---|---|---|\n");
        for (SeedResult s : seeds) {
            md.append(String.format(Locale.ROOT, "| %d | %.3f | %.0f |%n", s.seed(), s.teacherAccuracy(), s.seconds()));
        }
        md.append("\nPlots: `plots/win_rate.png`, `plots/accuracy.png`, `plots/pair_kinds.png`, `plots/length.png`. "
                + "Every run directory (`seed-S/<method>/`) holds its own report.md with the judge's counters.\n");
        return md.toString();
    }

    private static String pm(JsonNode mean, JsonNode sd, String key) {
        return String.format(Locale.ROOT, key.equals("length") || key.equals("score") ? "%.2f ± %.2f" : "%.3f ± %.3f",
                mean.get(key).asDouble(), sd.get(key).asDouble());
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> out = new java.util.ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        it.forEachRemaining(out::add);
        return out;
    }
}
