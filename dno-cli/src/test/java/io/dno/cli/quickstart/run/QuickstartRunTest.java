package io.dno.cli.quickstart.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.Json;
import io.dno.cli.quickstart.student.StudentSpec;
import io.dno.cli.quickstart.world.PoolSizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart end to end at the smallest size: every output, every key, and the same seed gives the same file. */
class QuickstartRunTest {
    @TempDir
    Path tmp;

    private static final QuickstartOptions TINY = new QuickstartOptions(3, 1, 0.75, 0.1, 0.0, true,
            new PoolSizes(60, 3, 8, 4, 8), StudentSpec.DEFAULT.withSftEpochs(1), 1e-3);

    @Test
    void writesResultsReportAndPlotsAndIsReproducible() throws Exception {
        Path a = tmp.resolve("a");
        new Quickstart(TINY, a, "test").run();
        JsonNode results = Json.mapper().readTree(a.resolve("results.json").toFile());
        assertTrue(results.at("/teacher/accuracy").isNumber());
        for (String m : List.of("sft", "sft_positives", "offline_dpo", "spin", "dno_restrictive", "dno",
                "dno_lookahead")) {
            JsonNode method = results.at("/methods/" + m);
            for (String key : List.of("accuracy", "win_rate", "length")) {
                assertTrue(method.at("/final/" + key).isNumber(), m + " final." + key);
                assertTrue(method.at("/spread/" + key).isNumber(), m + " spread." + key);
            }
            assertTrue(method.get("iterations").size() >= 1, m);
        }
        assertEquals(4, results.at("/methods/dno/iterations").size(), "the initialiser and 3 iterations");
        assertTrue(results.at("/methods/dno/iterations/1/new_pairs").has("S>T"));
        assertTrue(Files.readString(a.resolve("report.md")).contains("| DNO-Lookahead | retrained, 1 epoch |"));
        for (String plot : List.of("win_rate", "accuracy", "length", "pair_kinds")) {
            byte[] png = Files.readAllBytes(a.resolve("plots/" + plot + ".png"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4), plot);
        }
        Path b = tmp.resolve("b");
        new Quickstart(TINY, b, "test").run();
        assertEquals(Files.readString(a.resolve("results.json")), Files.readString(b.resolve("results.json")),
                "the same seed gives the same results.json");
    }
}
