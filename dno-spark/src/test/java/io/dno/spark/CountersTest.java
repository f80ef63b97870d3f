package io.dno.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The annotator counters of one call, summed over executor JVMs whose tasks overlap. */
class CountersTest {
    private static ChunkReport judged(int chunk, String process, double before, double after) {
        return new ChunkReport(chunk, false, process, 0, 0, 0, 0, Map.of("requests", before, "retries", before / 10),
                Map.of("requests", after, "retries", after / 10));
    }

    @Test
    void overlappingTasksOfOneExecutorAreCountedOnce() {
        // executor A ran chunks 0 and 1 at once (both started at 100, A's judge reached 164 by the end), then chunk 2;
        // executor B ran chunk 3 from 0 to 32; a skipped chunk counts nothing
        List<ChunkReport> reports = List.of(judged(0, "A", 100, 140), judged(1, "A", 100, 164),
                judged(2, "A", 164, 196), judged(3, "B", 0, 32), ChunkReport.skipped(4, "C"));
        Map<String, Double> total = SparkEngine.counters(reports);
        assertEquals(96 + 32, total.get("requests"), 1e-9);
        assertEquals(9.6 + 3.2, total.get("retries"), 1e-9);
        assertEquals(2, total.size());
    }

    @Test
    void nothingJudgedCountsNothing() {
        assertEquals(Map.of(), SparkEngine.counters(List.of(ChunkReport.skipped(0, "A"))));
    }
}
