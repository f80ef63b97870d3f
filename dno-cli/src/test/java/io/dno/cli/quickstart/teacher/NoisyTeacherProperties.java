package io.dno.cli.quickstart.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Origin;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.cli.quickstart.judge.Rubric;
import io.dno.cli.quickstart.world.Answer;
import io.dno.cli.quickstart.world.Oracle;
import io.dno.cli.quickstart.world.PoolSizes;
import io.dno.cli.quickstart.world.PromptPools;
import io.dno.cli.quickstart.world.Seeds;
import io.dno.cli.quickstart.world.Task;
import io.dno.cli.quickstart.world.TaskFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class NoisyTeacherProperties {
    private static final List<Prompt> PROMPTS = PromptPools.generate(1, new PoolSizes(2000, 1, 1, 0, 1)).sft();

    @Property(tries = 20)
    void accuracyIsNearPOverManyPrompts(@ForAll @DoubleRange(min = 0, max = 1) double p, @ForAll long seed) {
        NoisyTeacher teacher = NoisyTeacher.withAccuracy(p, seed);
        List<Response> answers = teacher.answer(PROMPTS);
        double accuracy = Oracle.accuracy(PROMPTS, answers.stream().map(Response::text).toList());
        double sd = Math.sqrt(p * (1 - p) / PROMPTS.size());
        assertEquals(p, accuracy, 5 * sd + 1e-9, "p=" + p);
    }

    @Property(tries = 50)
    void theAnswerToAPromptDependsOnlyOnThePromptAndTheSeed(@ForAll long seed) {
        NoisyTeacher teacher = NoisyTeacher.withAccuracy(0.75, seed);
        List<Prompt> some = PROMPTS.subList(0, 100);
        List<Prompt> shuffled = new ArrayList<>(some);
        Collections.shuffle(shuffled, new java.util.Random(seed));
        List<Response> inOrder = teacher.answer(some);
        List<Response> again = NoisyTeacher.withAccuracy(0.75, seed).answer(shuffled);
        for (int i = 0; i < shuffled.size(); i++) {
            Response r = again.get(i);
            assertEquals(Origin.TEACHER, r.origin());
            assertEquals(inOrder.get(some.indexOf(shuffled.get(i))), r);
        }
    }

    @Property
    void aMistakeIsWrongButOfTheRightKindAndNearlyRight(@ForAll TaskFamily family, @ForAll long seed) {
        Task task = family.sample(Seeds.random(seed, "task"));
        String wrong = Mistakes.of(task, Seeds.random(seed, "mistake"));
        assertNotEquals(task.gold(), wrong);
        assertTrue(family.answerKind().matches(wrong), wrong);
        assertTrue(Rubric.score(task, wrong) >= 3, task + " -> " + wrong);
        assertTrue(Rubric.score(task, wrong) <= 4, task + " -> " + wrong);
    }

    @Example
    void aPerfectTeacherIsAlwaysRightAndAHopelessOneNever() {
        assertEquals(1.0, Oracle.accuracy(PROMPTS, texts(NoisyTeacher.withAccuracy(1, 3).answer(PROMPTS))));
        assertEquals(0.0, Oracle.accuracy(PROMPTS, texts(NoisyTeacher.withAccuracy(0, 3).answer(PROMPTS))));
    }

    @Example
    void thePreambleRateControlsTheWordyForm() {
        long wordy = NoisyTeacher.withAccuracy(1, 2).answer(PROMPTS).stream()
                .filter(r -> r.text().startsWith(Answer.PREAMBLE)).count();
        double sd = Math.sqrt(0.2 * 0.8 / PROMPTS.size());
        assertEquals(NoisyTeacher.DEFAULT_PREAMBLE_RATE, (double) wordy / PROMPTS.size(), 5 * sd);
        assertThrows(IllegalArgumentException.class, () -> NoisyTeacher.withAccuracy(1.5, 0));
    }

    @Example
    void theCarryDropKeepsDigitsWithoutCarrying() {
        assertEquals("32", Mistakes.withoutCarry("37+5"));
        assertEquals("14", Mistakes.withoutCarry("11+3"));
        assertEquals("98", Mistakes.withoutCarry("99+9"));
    }

    private static List<String> texts(List<Response> responses) {
        return responses.stream().map(Response::text).toList();
    }
}
