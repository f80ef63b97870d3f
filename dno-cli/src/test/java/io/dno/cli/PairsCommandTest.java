package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.PairKind;
import io.dno.core.data.PreferencePair;
import io.dno.core.io.DataFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairsCommandTest {
    @TempDir
    Path dir;

    private static final String SCORED = """
            {"prompt":{"id":"p1","text":"2+2?"},"candidates":[\
            {"response":{"promptId":"p1","text":"4","origin":"student"},"score":6},\
            {"response":{"promptId":"p1","text":"5","origin":"student"},"score":1},\
            {"response":{"promptId":"p1","text":"It is 4.","origin":"teacher"},"score":5}]}
            """;


    @Test
    void helpListsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Commands:") && r.out().contains("pairs"), r.out());
    }

    @Test
    void buildsDnoPairsAndPrintsTheStatistics() throws IOException {
        Path in = Files.writeString(dir.resolve("scored.jsonl"), SCORED);
        Path out = dir.resolve("pairs.jsonl");
        CliRun r = CliRun.of("pairs", "--in", in.toString(), "--out", out.toString(), "--iteration", "2");
        assertEquals(0, r.exitCode(), r.err());
        List<PreferencePair> pairs = DataFiles.readPairs(out);
        // "4" (6) > "It is 4." (5) by 1: S>T; "4" > "5": S>S; teacher (5) > "5" (1): T>S
        assertEquals(List.of(PairKind.STUDENT_OVER_TEACHER, PairKind.STUDENT_OVER_STUDENT, PairKind.TEACHER_OVER_STUDENT),
                pairs.stream().map(PreferencePair::kind).toList());
        assertTrue(pairs.stream().allMatch(p -> p.iteration() == 2));
        assertTrue(r.out().contains("best-of-n win rate vs teacher 100.0%"), r.out());
        assertTrue(r.out().contains("new pairs in all             3"), r.out());
    }

    @Test
    void badInputExitsNonZeroNamingFileAndLineAndWritesNothing() throws IOException {
        Path in = Files.writeString(dir.resolve("scored.jsonl"), SCORED + "{\"prompt\": 3}\n");
        Path out = dir.resolve("pairs.jsonl");
        CliRun r = CliRun.of("pairs", "--in", in.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("scored.jsonl:2:"), r.err());
        assertFalse(Files.exists(out));
    }
}
