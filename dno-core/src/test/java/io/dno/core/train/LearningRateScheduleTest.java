package io.dno.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void cosineWarmsUpLinearlyFromZero() {
        // peak 1e-3, W = 100: lr(s) = 1e-3·s/100
        CosineSchedule lr = LearningRateSchedule.cosine(1e-3, 1e-5, 100, 1100);
        assertEquals(0.0, lr.at(0));
        assertEquals(1e-5, lr.at(1), 1e-18);
        assertEquals(5e-4, lr.at(50), 1e-18);
        assertEquals(1e-3, lr.at(100), 1e-18);
    }

    @Test
    void cosineDecaysToTheFinalValueAlongHalfACosine() {
        // T − W = 1000: lr = 1e-5 + (1e-3 − 1e-5)·½(1 + cos(π·p)), p = (s − 100)/1000
        CosineSchedule lr = LearningRateSchedule.cosine(1e-3, 1e-5, 100, 1100);
        assertEquals(1e-5 + 0.99e-3 * 0.5, lr.at(600), 1e-15);                                    // p = ½: midpoint
        assertEquals(1e-5 + 0.99e-3 * 0.5 * (1 + Math.cos(Math.PI / 4)), lr.at(350), 1e-15);     // p = ¼
        assertEquals(1e-5, lr.at(1100), 1e-15);                                                    // p = 1
        assertEquals(1e-5, lr.at(5000), 1e-15);                                                    // clamped after T
    }

    @Test
    void cosineWithoutWarmupStartsAtThePeak() {
        CosineSchedule lr = LearningRateSchedule.cosine(2e-5, 0, 0, 10);
        assertEquals(2e-5, lr.at(0), 1e-18);
        assertEquals(1e-5 * (1 + Math.cos(Math.PI * 0.3)), lr.at(3), 1e-18);
        assertEquals(0.0, lr.at(10), 1e-18);
    }

    @Test
    void constantScheduleWithAndWithoutWarmup() {
        assertEquals(5e-7, LearningRateSchedule.constant(5e-7).at(0));
        assertEquals(5e-7, LearningRateSchedule.constant(5e-7).at(1_000_000));
        ConstantSchedule warm = LearningRateSchedule.constant(5e-7, 10);
        assertEquals(0.0, warm.at(0));
        assertEquals(1.5e-7, warm.at(3), 1e-20);
        assertEquals(5e-7, warm.at(10));
        assertEquals(5e-7, warm.at(11));
    }

    @Test
    void rejectsInvalidSchedulesAndSteps() {
        IllegalArgumentException total = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.cosine(1e-3, 0, 100, 100));
        assertTrue(total.getMessage().contains("totalSteps must exceed warmupSteps=100, got 100"), total.getMessage());
        IllegalArgumentException floor = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.cosine(1e-3, 2e-3, 0, 100));
        assertTrue(floor.getMessage().contains("in [0, peak=0.001], got 0.002"), floor.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(1e-3, -1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(1e-3).at(-1));
    }
}
