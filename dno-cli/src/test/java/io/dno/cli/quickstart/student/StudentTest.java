package io.dno.cli.quickstart.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.train.StepMetrics;
import io.dno.cli.quickstart.teacher.BlindSpotTeacher;
import io.dno.cli.quickstart.world.PoolSizes;
import io.dno.cli.quickstart.world.PromptPools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SFT initialisation of a small student on teacher demonstrations: it learns, and it is reproducible. */
class StudentTest {
    private static final StudentSpec SMALL = new StudentSpec(32, 64, 1, 2, 2, 32, 1e-2, 10);

    @TempDir
    Path dir;

    @Test
    void sftLowersTheLossAndTheSameSeedGivesTheSameStudent() {
        PromptPools pools = PromptPools.generate(4, new PoolSizes(320, 1, 1, 0, 24), 0.25);
        List<Demonstration> demos = Student.demonstrations(BlindSpotTeacher.withAccuracy(0.75, 4), pools.sft());
        Path tokenizer = Student.writeTokenizer(dir);
        List<Prompt> eval = pools.evaluation();
        List<String> first;
        try (TransformerPolicy student = Student.random(SMALL, tokenizer, 7)) {
            List<StepMetrics> steps = Student.sft(student, demos, SMALL, 7);
            assertEquals(20, steps.size());
            double early = steps.subList(0, 3).stream().mapToDouble(StepMetrics::loss).average().orElseThrow();
            double late = steps.subList(17, 20).stream().mapToDouble(StepMetrics::loss).average().orElseThrow();
            assertTrue(late < 0.8 * early, "SFT loss " + early + " -> " + late);   // from about ln(vocabulary)
            first = Student.greedyAnswers(student, eval, SMALL);
        }
        try (TransformerPolicy again = Student.random(SMALL, tokenizer, 7)) {
            Student.sft(again, demos, SMALL, 7);
            assertEquals(first, Student.greedyAnswers(again, eval, SMALL));
        }
    }
}
