package io.dno.cli.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.AlignmentReport;
import io.dno.core.IterationReport;
import io.dno.core.Strategy;
import io.dno.core.data.Response;
import io.dno.core.model.TransformerPolicy;
import io.dno.cli.quickstart.judge.Rubric;
import io.dno.cli.quickstart.student.StudentSpec;
import io.dno.cli.quickstart.world.PoolSizes;
import io.dno.cli.quickstart.world.Task;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart world plugs into the alignment loop: DNO runs its three iterations on a very small setup. */
class QuickstartSetupTest {
    private static final StudentSpec SMALL = new StudentSpec(32, 64, 1, 2, 1, 32, 1e-2, 8);

    @TempDir
    Path dir;

    @Test
    void dnoRunsOnTheQuickstartWorldWithItsTeacherAndJudge() {
        QuickstartSetup setup = QuickstartSetup.create(3, new PoolSizes(160, 3, 6, 0, 10), 0.75, 0, 0, SMALL);
        try (TransformerPolicy student = setup.initialStudent(dir.resolve("init"))) {
            AlignmentReport report = setup.builder(student, dir.resolve("dno")).strategy(Strategy.dno()).build().run();
            assertEquals(4, report.iterations().size());
            List<Response> teacher = setup.teacher().answer(setup.pools().evaluation());
            double teacherScore = teacher.stream()
                    .mapToDouble(r -> Rubric.score(Task.parse(r.promptId(), textOf(setup, r.promptId())), r.text()))
                    .average().orElseThrow();
            for (IterationReport it : report.iterations()) {
                assertNotNull(it.evaluation(), it.step());
                assertEquals(10, it.evaluation().prompts());
                assertEquals(teacherScore, it.evaluation().meanTeacherScore(), 1e-9, it.step());
            }
            for (IterationReport it : report.iterations().subList(1, 4)) {      // sampling round t-1 feeds iter-t
                assertNotNull(it.statistics(), it.step());
                assertEquals(6, it.statistics().inputs());
                assertEquals(it.iteration() - 1, it.statistics().iteration());
            }
            assertTrue(setup.annotator().counters().get("candidates_judged") >= 3 * 6 * 6);
        }
    }

    private static String textOf(QuickstartSetup setup, String promptId) {
        return setup.pools().evaluation().stream().filter(p -> p.id().equals(promptId)).findFirst().orElseThrow()
                .text();
    }
}
