package io.dno.cli.nash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.cli.CliRun;
import io.dno.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dno nash} at a tiny size (2 prompts per game, 8 samples, 3 iterations): the JSON's shape, determinism under
 * {@code --seed}, and the properties DNO's theory guarantees with room to spare even at this size. The numbers
 * themselves are the experiment's (RESULTS.md), not the test's.
 */
class NashCommandTest {
    private static final int T = 3;
    private static final String[] TINY = {"nash", "--prompts", "2", "--samples", "8", "--iterations", "3",
            "--epochs", "8", "--json"};

    @TempDir
    Path tmp;

    @Test
    void tinyRunHasTheShapeIsDeterministicAndMovesAsTheTheorySays() throws Exception {
        Path png = tmp.resolve("nash.png");
        JsonNode first = run(concat(TINY, "--seed", "7", "--plot", png.toString()));
        JsonNode again = run(concat(TINY, "--seed", "7"));
        for (String field : List.of("settings", "tv_to_nash", "beats_previous", "games")) {
            assertEquals(first.get(field), again.get(field), "the same seed gives the same " + field);
        }
        byte[] image = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(image, 4));

        assertEquals(T + 1, first.get("tv_to_nash").size());
        assertEquals(T, first.get("beats_previous").size());
        JsonNode rpsDno = first.get("games").get("rps").get("methods").get("dno");
        assertEquals(rpsDno.get("tv_to_nash"), first.get("tv_to_nash"), "the headline is DNO on rock-paper-scissors");
        assertEquals(rpsDno.get("beats_previous"), first.get("beats_previous"));
        for (String game : List.of("rps", "transitive")) {
            JsonNode g = first.get("games").get(game);
            assertEquals(T + 1, g.get("soft_policy_iteration_tv_to_nash").size());
            for (String method : List.of("dno", "dpo")) {
                JsonNode its = g.get("methods").get(method).get("iterations");
                assertEquals(T + 1, its.size(), game + " " + method);
                double tvLastSum = 0;
                for (int t = 0; t <= T; t++) {
                    JsonNode it = its.get(t);
                    assertEquals(t, it.get("iteration").asInt());
                    double mass = 0;
                    for (String outcome : List.of("R", "P", "S", "invalid")) {
                        mass += it.get("policy").get(outcome).asDouble();
                    }
                    assertEquals(1, mass, 5e-4, "a distribution: " + it);
                    // TV is convex: the mixture of π_0..π_t is no farther from the winner than its members on
                    // average (per prompt, so also in the mean over prompts); at t = 0 the mixture is π_0 itself.
                    tvLastSum += it.get("tv_last").asDouble();
                    double tvMixture = it.get("tv_mixture").asDouble();
                    if (t == 0) {
                        assertEquals(it.get("tv_last").asDouble(), tvMixture, 1e-12, "the mixture of π_0 alone: " + it);
                    }
                    assertTrue(tvMixture <= tvLastSum / (t + 1) + 2e-4, "convexity of TV (values rounded to 1e-4): "
                            + tvMixture + " > " + tvLastSum / (t + 1));
                    if (t > 0) {
                        assertEquals(it.get("win_rate_vs_previous").asDouble() > 0.5,
                                g.get("methods").get(method).get("beats_previous").get(t - 1).asBoolean());
                    }
                }
                assertEquals(g.get("methods").get("dno").get("iterations").get(0).get("policy"),
                        its.get(0).get("policy"), "both methods start from the same π_0");
            }
            JsonNode dno = g.get("methods").get("dno").get("iterations");
            for (int t = 1; t <= T; t++) {       // Eq. 8 trains to its soft-policy-iteration target (Theorem 1)
                assertTrue(dno.get(t).get("tv_to_target").asDouble() < 0.15, game + " iteration " + t + ": " + dno.get(t));
            }
        }
        // the first DNO step from the skewed π_0 is preferred to it (monotonic improvement, §3.1)
        assertTrue(rpsDno.get("iterations").get(1).get("win_rate_vs_previous").asDouble() > 0.5,
                rpsDno.get("iterations").get(1).toString());
        // the transitive control moves towards its Condorcet winner S
        JsonNode transitive = first.get("games").get("transitive").get("methods").get("dno").get("iterations");
        assertTrue(transitive.get(T).get("policy").get("S").asDouble() > transitive.get(0).get("policy").get("S").asDouble()
                + 0.05, transitive.toString());
        assertTrue(transitive.get(T).get("tv_mixture").asDouble() < transitive.get(0).get("tv_mixture").asDouble());

        JsonNode otherSeed = run(concat(TINY, "--seed", "8"));
        assertNotEquals(first.get("tv_to_nash"), otherSeed.get("tv_to_nash"), "the seed changes the run");
    }

    @Test
    void badKnobsAreRejectedNamingTheOption() {
        CliRun run = CliRun.of("nash", "--samples", "1");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--samples must be >= 2"), run.err());
    }

    private static JsonNode run(String... args) throws Exception {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        return Json.mapper().readTree(run.out());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
