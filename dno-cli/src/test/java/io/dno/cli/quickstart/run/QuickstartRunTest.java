package io.dno.cli.quickstart.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.Json;
import io.dno.cli.quickstart.PreferenceBudget;
import io.dno.cli.quickstart.student.StudentSpec;
import io.dno.cli.quickstart.world.PoolSizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart end to end at the smallest size: every output and key of results.json, and the same seed gives the
 * same file whether its tasks run on one worker or on two.
 */
class QuickstartRunTest {
    @TempDir
    Path tmp;

    private static final QuickstartOptions TINY = new QuickstartOptions(3, 1, 0.75, 0.1, 0.0, true,
            new PoolSizes(48, 2, 6, 4, 6), new StudentSpec(32, 64, 1, 2, 1, 32, 1e-2, 10),
            new PreferenceBudget(8, 1e-3, 1, 2, 0.7, 0.95), 2);

    @Test
    void writesResultsReportAndPlotsAndIsReproducible() throws Exception {
        Path a = tmp.resolve("a");
        new Quickstart(TINY, a, "test").run();
        JsonNode results = Json.mapper().readTree(a.resolve("results.json").toFile());
        for (String gate : List.of("g1_capacity", "g2_blind_start", "g2_sample_coverage", "g3_loss",
                "g3_reward_accuracy")) {
            for (String key : List.of("value", "threshold", "passed")) {
                assertTrue(results.at("/gates/" + gate).has(key), gate + "." + key);
            }
        }
        assertTrue(results.get("conclusive").isBoolean());
        for (String key : List.of("accuracy", "blind_accuracy", "other_accuracy")) {
            assertTrue(results.at("/teacher/" + key).isNumber(), "teacher." + key);
        }
        for (String m : List.of("sft", "sft_positives", "rft_teacher", "offline_dpo", "spin", "dno_restrictive", "dno",
                "dno_lookahead")) {
            JsonNode method = results.at("/methods/" + m);
            for (String part : List.of("final", "spread", "last")) {
                for (String key : List.of("accuracy", "blind_accuracy", "other_accuracy", "win_rate", "length")) {
                    assertTrue(method.at("/" + part + "/" + key).isNumber(), m + " " + part + "." + key);
                }
            }
            assertTrue(method.get("iterations").get(0).has("blind_accuracy"), m);
        }
        JsonNode dno = results.at("/methods/dno/iterations");
        assertEquals(3, dno.size(), "the initialiser and 2 iterations");
        for (int t = 1; t <= 2; t++) {
            assertTrue(dno.get(t).get("new_pairs").has("S>T"));
            assertTrue(dno.get(t).has("st_share") && dno.get(t).has("st_real") && dno.get(t).has("st_format"));
            assertTrue(dno.get(t).at("/training/loss").isNumber());
        }
        assertTrue(results.at("/acceptance/dno_gain_over_sft/value").isNumber());
        String report = Files.readString(a.resolve("report.md"));
        assertTrue(report.indexOf("## Gates") < report.indexOf("## Table 1"), "gates come first");
        for (String plot : List.of("win_rate", "accuracy", "length", "pair_kinds")) {
            byte[] png = Files.readAllBytes(a.resolve("plots/" + plot + ".png"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4), plot);
        }
        assertJudgeCountsOwnCandidates(a);
        Path b = tmp.resolve("b");
        new Quickstart(new QuickstartOptions(3, 1, 0.75, 0.1, 0.0, true, TINY.pools(), TINY.student(),
                TINY.preference(), 1), b, "test").run();
        assertEquals(Files.readString(a.resolve("results.json")), Files.readString(b.resolve("results.json")),
                "the same seed gives the same results.json on one worker or two");
    }

    /**
     * A seed's methods run at once on two workers; each annotation stage's judge counter must count that stage's
     * candidates only (a judge shared between runs counted the others' calls too).
     */
    private static void assertJudgeCountsOwnCandidates(Path out) throws Exception {
        List<Path> counters;
        try (var files = Files.walk(out)) {
            counters = files.filter(f -> f.getFileName().toString().equals("annotator.json")).toList();
        }
        int checked = 0;
        for (Path counter : counters) {
            Path annotations = counter.resolveSibling("annotations.jsonl");
            if (!Files.exists(annotations)) {
                continue;
            }
            long candidates = 0;
            for (String line : Files.readAllLines(annotations)) {
                JsonNode judged = Json.mapper().readTree(line);
                candidates += judged.get("scored").size() + judged.get("unannotated").size();
            }
            assertEquals(candidates, Json.mapper().readTree(counter.toFile()).get("candidates_judged").asLong(),
                    counter.toString());
            checked++;
        }
        assertEquals(6, checked, "DNO and DNO-Restrictive judge 2 iterations each, SFT on positives and RFT once");
    }
}
