package io.dno.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.io.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingFilesTest {
    @TempDir
    Path dir;

    @Test
    void referenceLogProbsRoundTripExactly() {
        ReferenceLogProbs ref = new ReferenceLogProbs(new double[] {-12.5, -3.0000001, -0.1},
                new double[] {-10.25, -7.5, Math.PI});
        Path file = dir.resolve("reference.jsonl");
        ref.write(file);
        ReferenceLogProbs back = ReferenceLogProbs.read(file, 3);
        assertArrayEquals(ref.chosen(), back.chosen(), 0);
        assertArrayEquals(ref.rejected(), back.rejected(), 0);
    }

    @Test
    void referenceLogProbsOfAnotherPairSetAreRejected() {
        Path file = dir.resolve("reference.jsonl");
        ReferenceLogProbs.none(2).write(file);
        DataFileException e = assertThrows(DataFileException.class, () -> ReferenceLogProbs.read(file, 5));
        assertTrue(e.getMessage().contains("2 reference values but there are 5 pairs"), e.getMessage());
    }

    @Test
    void stepMetricsFileHoldsOneCompleteLinePerStep() throws IOException {
        Path file = dir.resolve("train.jsonl");
        try (StepMetricsFile out = new StepMetricsFile(file, 2)) {
            for (int step = 1; step <= 3; step++) {
                out.onStep(new StepMetrics(step, 0, 1.0 / step, 1e-3, 0.5, Map.of("rewards/margins", 0.1 * step), 8,
                        100));
                if (step == 2) {
                    assertEquals(2, Files.readAllLines(file).size(), "flushed every 2 steps");
                }
            }
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).contains("\"step\":3") && lines.get(2).contains("\"rewards/margins\""), lines.get(2));
    }
}
