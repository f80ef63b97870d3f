package io.dno.cli.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.AlignmentReport;
import io.dno.core.IterationReport;
import io.dno.core.model.TransformerPolicy;
import io.dno.cli.quickstart.student.StudentSpec;
import io.dno.cli.quickstart.world.Oracle;
import io.dno.cli.quickstart.world.PoolSizes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart world plugs into the alignment loop: DNO runs its iterations on a very small setup. */
class QuickstartSetupTest {
    private static final StudentSpec SMALL = new StudentSpec(32, 64, 1, 2, 1, 32, 1e-2, 10);

    @TempDir
    Path dir;

    @Test
    void dnoRunsOnTheQuickstartWorldWithItsTeacherAndJudge() {
        QuickstartSetup setup = QuickstartSetup.create(3, new PoolSizes(160, 3, 6, 0, 10), 0.75, 0, 0, SMALL,
                PreferenceBudget.DEFAULT.withSamples(3));
        assertTrue(setup.cleanDemonstrations().stream().allMatch(d -> Oracle.isCorrect(d.prompt(),
                io.dno.core.data.Response.teacher(d.prompt().id(), d.response()))), "G1's labels are clean");
        try (TransformerPolicy student = setup.initialStudent(dir.resolve("init"))) {
            AlignmentReport report = setup.builder(student, dir.resolve("dno")).strategy(setup.dnoWithLookahead())
                    .build().run();
            assertEquals(4, report.iterations().size());
            for (IterationReport it : report.iterations()) {
                assertNotNull(it.evaluation(), it.step());
                assertEquals(10, it.evaluation().prompts());
            }
            for (IterationReport it : report.iterations().subList(1, 4)) {      // sampling round t-1 feeds iter-t
                assertNotNull(it.statistics(), it.step());
                assertEquals(6, it.statistics().inputs());
                assertEquals(it.iteration() - 1, it.statistics().iteration());
            }
            int newPairs = report.iterations().stream().mapToInt(it -> it.examples().newPairs()).sum();
            assertTrue(newPairs > 0, "the iterations built pairs");
            assertEquals(newPairs, report.lookahead().examples().newPairs(), "Lookahead retrains on every new pair");
            // training: 3 partitions of 6 prompts, K = 3 samples and the teacher's answer each; evaluation: 10
            // prompts, the policy's answer and the teacher's, at iter-0..3 and Lookahead
            assertEquals(3 * 6 * (3 + 1) + 5 * 10 * 2, setup.annotator().counters().get("candidates_judged"));
        }
    }
}
