package io.dno.cli.quickstart.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.cli.quickstart.PreferenceBudget;
import io.dno.cli.quickstart.QuickstartSetup;
import io.dno.cli.quickstart.student.StudentSpec;
import io.dno.cli.quickstart.world.PoolSizes;
import io.dno.core.RunListener;
import io.dno.core.loop.InProcessEngine;
import io.dno.core.train.StepMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart's progress bar moves during the SFT initialiser: every optimiser step reaches the listener. */
class SeedRunProgressTest {
    @TempDir
    Path tmp;

    @Test
    void theSftInitialiserReportsEveryStep() {
        QuickstartSetup setup = QuickstartSetup.create(3, new PoolSizes(60, 3, 8, 4, 8), 0.75, 0.1, 0,
                StudentSpec.DEFAULT.withSftEpochs(2), PreferenceBudget.DEFAULT);
        List<Long> steps = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onTrainingStep(String step, StepMetrics metrics) {
                assertEquals(SeedRun.INIT, step);
                steps.add(metrics.step());
            }
        };
        new SeedRun(setup, tmp, listener, null, judge -> InProcessEngine.INSTANCE).initialStudent();
        long expected = setup.initialStudentSteps();
        assertTrue(expected >= 2, "two epochs of SFT take at least two steps: " + expected);
        assertEquals(LongStream.rangeClosed(1, expected).boxed().toList(), steps);
    }
}
