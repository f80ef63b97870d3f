package io.dno.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The run-level learning rate: warm-up once, each stage's shape over its own steps, decay per iteration. */
class LearningRatesTest {

    @Test
    void warmUpHappensOnceAcrossStages() {
        LearningRates rates = LearningRates.constant(1e-3).withWarmupSteps(10);
        StageSchedule first = rates.stage(0, 0, 6);
        StageSchedule second = rates.stage(1, 6, 6);
        assertEquals(0.0, first.at(0), 0, "HF convention: the run's first step trains at 0");
        assertEquals(1e-3 * 5 / 10, first.at(5), 1e-12);
        assertEquals(1e-3 * 6 / 10, second.at(0), 1e-12, "the second stage continues the warm-up, not restarts it");
        assertEquals(1e-3, rates.stage(2, 12, 6).at(0), 1e-12, "warm-up is over after the run's first 10 steps");
    }

    @Test
    void aCosineStageDecaysOverItsOwnStepsAndNeverTrainsAtZero() {
        LearningRates rates = LearningRates.cosine(1e-3);
        for (long steps : new long[] {1, 4, 17, 300}) {
            StageSchedule s = rates.stage(1, 50, steps);
            assertEquals(1e-3, s.at(0), 1e-12, "each stage starts at its peak");
            for (long i = 1; i < steps; i++) {
                assertTrue(s.at(i) < s.at(i - 1), "decreasing within the stage");
            }
            assertTrue(s.at(steps - 1) > 0, "the stage's last step still trains (" + steps + " steps)");
        }
    }

    @Test
    void theOldSingleScheduleTrainedLongIterationsAtZero() {
        // what a run did before: one trainer schedule with total_steps 10 reused by a stage of 20 steps
        CosineSchedule reused = LearningRateSchedule.cosine(1e-3, 0, 0, 10);
        assertEquals(0.0, reused.at(15), 0, "the old schedule's tail is 0");
        StageSchedule stage = LearningRates.from(reused).stage(0, 0, 20);
        assertTrue(stage.at(15) > 0, "the stage schedule spans the stage's own 20 steps");
    }

    @Test
    void laterIterationsCanBeLowered() {
        LearningRates rates = LearningRates.constant(1e-3).withIterationDecay(0.5);
        assertEquals(1e-3, rates.stage(0, 0, 5).at(3), 1e-12);
        assertEquals(2.5e-4, rates.stage(2, 10, 5).at(3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> rates.withIterationDecay(0));
        assertThrows(IllegalArgumentException.class, () -> rates.stage(0, 0, 0));
    }
}
