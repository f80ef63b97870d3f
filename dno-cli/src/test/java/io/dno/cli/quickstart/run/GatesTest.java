package io.dno.cli.quickstart.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.train.StepMetrics;
import io.dno.losses.MetricNames;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gates, the end of a training phase and the choice of the final iterate, on numbers made by hand. */
class GatesTest {

    @Test
    void theEndOfAPhaseIsTheMeanOfItsLastFifthOfSteps() {
        List<StepMetrics> steps = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            steps.add(new StepMetrics(i, 0, 0.7 - 0.05 * i, 1e-4, 1, Map.of(MetricNames.REWARDS_ACCURACIES, 0.1 * i),
                    8, 80));
        }
        TrainingEnd end = TrainingEnd.of(steps);
        assertEquals(10, end.steps());
        assertEquals((0.25 + 0.2) / 2, end.loss(), 1e-12);                 // steps 9 and 10
        assertEquals((0.9 + 1.0) / 2, end.rewardAccuracy(), 1e-12);
        assertNull(TrainingEnd.of(List.of()));
        assertNull(TrainingEnd.of(List.of(new StepMetrics(1, 0, 1.2, 1e-4, 1, Map.of(), 8, 80))), "SFT steps are not "
                + "preference training");
    }

    @Test
    void theFinalIterateIsTheBestOnValidationAndTheEarliestOnATie() {
        MethodRun run = MethodRun.bestOnValidation(List.of(iterate(0, 0.4, 0.30), iterate(1, 0.5, 0.45),
                iterate(2, 0.9, 0.45), iterate(3, 0.2, 0.10)));
        assertEquals(1, run.finalIterate().iteration(), "validation decides, not the (better) test accuracy");
        assertEquals(3, run.last().iteration());
    }

    @Test
    void gatesPoolTheSeedsAndTakeTheWorstTrainingEnd() {
        SeedResult good = seed(1, Map.of("NEXT", new FamilyCount(97, 100), "SORT", new FamilyCount(99, 100), "MAX",
                new FamilyCount(100, 100)), new StartPoint(new FamilyCount(2, 20), new FamilyCount(6, 20), 0.3,
                new FamilyCount(15, 20)), new TrainingEnd(50, 0.40, 0.90));
        SeedResult weak = seed(2, Map.of("NEXT", new FamilyCount(90, 100), "SORT", new FamilyCount(99, 100), "MAX",
                new FamilyCount(100, 100)), new StartPoint(new FamilyCount(15, 20), new FamilyCount(6, 20), 0.3,
                new FamilyCount(9, 20)), new TrainingEnd(50, 0.66, 0.66));
        Map<String, Gate> one = Gates.of(List.of(good));
        assertTrue(one.values().stream().allMatch(Gate::passed), one.toString());
        Map<String, Gate> both = Gates.of(List.of(good, weak));
        assertEquals(187 / 200.0, both.get("g1_capacity").value(), 1e-12);
        assertFalse(both.get("g1_capacity").passed());
        assertTrue(both.get("g1_capacity").meaning().contains("NEXT"));
        assertEquals(17 / 40.0, both.get("g2_blind_start").value(), 1e-12);
        assertEquals(0.3, both.get("g2_blind_start").threshold(), 1e-12, "the teacher's blind accuracy by construction");
        assertFalse(both.get("g2_blind_start").passed(), "the initialiser beats the teacher on its blind class");
        assertEquals(24 / 40.0, both.get("g2_sample_coverage").value(), 1e-12);
        assertEquals(0.66, both.get("g3_loss").value(), 1e-12);
        assertFalse(both.get("g3_loss").passed());
        assertEquals(0.66, both.get("g3_reward_accuracy").value(), 1e-12);
        assertFalse(both.get("g3_reward_accuracy").passed());
    }

    private static IterationMeasure iterate(int t, double accuracy, double validationWinRate) {
        return new IterationMeasure(t, accuracy, accuracy, accuracy, 0.5, 0.5, 5, 5, 3, validationWinRate, Map.of(),
                Double.NaN, 0, 0, Map.of(), null);
    }

    private static SeedResult seed(long seed, Map<String, FamilyCount> capacity, StartPoint start, TrainingEnd end) {
        IterationMeasure trained = new IterationMeasure(1, 0.8, 0.5, 0.9, 0.5, 0.5, 5, 5, 3, 0.5, Map.of(), 0.1, 1, 1,
                Map.of(), end);
        Map<Method, MethodRun> methods = new EnumMap<>(Method.class);
        for (Method m : Method.all()) {
            methods.put(m, MethodRun.lastIsFinal(List.of(iterate(0, 0.7, 0.4), trained)));
        }
        return new SeedResult(seed, new FamilyCount(75, 100), new FamilyCount(6, 20), new FamilyCount(69, 80), methods,
                new Capacity(new LinkedHashMap<>(capacity), FamilyCount.ZERO), start, 1);
    }
}
