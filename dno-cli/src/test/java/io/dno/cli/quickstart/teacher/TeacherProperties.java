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
import io.dno.cli.quickstart.world.AnswerForm;
import io.dno.cli.quickstart.world.Oracle;
import io.dno.cli.quickstart.world.PoolSizes;
import io.dno.cli.quickstart.world.PromptPools;
import io.dno.cli.quickstart.world.Seeds;
import io.dno.cli.quickstart.world.Task;
import io.dno.cli.quickstart.world.TaskFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** The teacher: accuracy exactly p by construction, a systematic blind spot, random slips, three answer forms. */
class TeacherProperties {

    @Property
    void aProfileIsExactlyAsAccurateAsAskedWithABlindSpotItMostlyGetsWrong(
            @ForAll @DoubleRange(min = 0.5, max = 1) double p) {
        TeacherProfile profile = TeacherProfile.forAccuracy(p);
        double implied = 1 - profile.blindShare() * profile.blindMistakeRate()
                - (1 - profile.blindShare()) * profile.slipRate();
        assertEquals(p, implied, 1e-12);
        if (p < 1) {
            assertTrue(profile.blindMistakeRate() > 0.5, "the mistake must be the blind class's likeliest answer");
            assertTrue(profile.slipRate() < profile.blindMistakeRate());
            assertEquals(1 - p, profile.blindShare(), 1e-12, "with both rates at 0.7 the blind share is the error");
        }
        assertEquals(1.0, profile.clean().accuracy());
        assertEquals(profile.blindShare(), profile.clean().blindShare());
    }

    @Property(tries = 12)
    void overManyPromptsTheTeacherIsRightAtItsRatesInAndOutOfItsBlindClass(
            @ForAll @DoubleRange(min = 0.5, max = 0.95) double p, @ForAll long seed) {
        BlindSpotTeacher teacher = BlindSpotTeacher.withAccuracy(p, seed);
        List<Prompt> prompts = PromptPools.generate(seed, new PoolSizes(6000, 1, 1, 0, 1),
                teacher.profile().blindShare()).sft();
        int[] blind = new int[2];
        int[] other = new int[2];
        int right = 0;
        List<Response> answers = teacher.answer(prompts);
        for (int i = 0; i < prompts.size(); i++) {
            Prompt prompt = prompts.get(i);
            boolean correct = Oracle.isCorrect(prompt, answers.get(i));
            right += correct ? 1 : 0;
            int[] c = Task.of(prompt).inBlindClass() ? blind : other;
            c[0] += correct ? 1 : 0;
            c[1]++;
        }
        assertWithin(p, right, prompts.size());
        assertWithin(teacher.profile().blindAccuracy(), blind[0], blind[1]);
        assertWithin(teacher.profile().otherAccuracy(), other[0], other[1]);
    }

    @Property(tries = 50)
    void onItsBlindClassTheTeacherIsRightOrMakesItsCharacteristicMistake(@ForAll TaskFamily family,
                                                                          @ForAll long seed) {
        BlindSpotTeacher teacher = BlindSpotTeacher.withAccuracy(0.75, seed);
        Task task = family.sample(Seeds.random(seed, "task"), true);
        Answer answer = Answer.parse(teacher.answerText(Prompt.of("p", task.text()))).orElseThrow();
        assertTrue(answer.value().equals(task.gold()) || answer.value().equals(task.blindMistake()), answer.text());
        assertTrue(answer.wellFormedFor(task));
    }

    @Property(tries = 50)
    void theAnswerToAPromptDependsOnlyOnThePromptAndTheSeed(@ForAll long seed) {
        List<Prompt> some = PromptPools.generate(seed, new PoolSizes(100, 1, 1, 0, 1), 0.25).sft();
        List<Prompt> shuffled = new ArrayList<>(some);
        Collections.shuffle(shuffled, new java.util.Random(seed));
        List<Response> inOrder = BlindSpotTeacher.withAccuracy(0.75, seed).answer(some);
        List<Response> again = BlindSpotTeacher.withAccuracy(0.75, seed).answer(shuffled);
        for (int i = 0; i < shuffled.size(); i++) {
            assertEquals(Origin.TEACHER, again.get(i).origin());
            assertEquals(inOrder.get(some.indexOf(shuffled.get(i))), again.get(i));
        }
    }

    @Property
    void aSlipIsWrongOfTheRightKindAndNearlyRight(@ForAll TaskFamily family, @ForAll long seed) {
        Task task = family.sample(Seeds.random(seed, "task"), false);
        String wrong = Mistakes.slip(task, Seeds.random(seed, "slip"));
        assertNotEquals(task.gold(), wrong);
        assertTrue(family.answerKind().matches(wrong), wrong);
        int score = Rubric.absoluteScore(task, wrong);
        assertTrue(score >= 3 && score <= 4, task + " -> " + wrong + " scored " + score);
    }

    @Example
    void theTeacherWritesEachFormAtItsRate() {
        List<Prompt> prompts = PromptPools.generate(2, new PoolSizes(5000, 1, 1, 0, 1), 0.25).sft();
        Map<AnswerForm, Integer> forms = new EnumMap<>(AnswerForm.class);
        for (Response r : BlindSpotTeacher.withAccuracy(0.75, 2).answer(prompts)) {
            forms.merge(Answer.parse(r.text()).orElseThrow().form(), 1, Integer::sum);
        }
        assertWithin(BlindSpotTeacher.PREAMBLE_RATE, forms.get(AnswerForm.PREAMBLE), prompts.size());
        assertWithin(BlindSpotTeacher.WORKED_RATE, forms.get(AnswerForm.WORKED), prompts.size());
    }

    @Example
    void aTeacherBelowHalfIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlindSpotTeacher.withAccuracy(0.3, 0));
        assertTrue(e.getMessage().contains("--teacher-accuracy") && e.getMessage().contains("0.3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TeacherProfile(0.8, 0.2, 0.5, 0.1),
                "rates that do not give the stated accuracy");
    }

    /** {@code successes / n} lies within 5 standard errors of {@code p}. */
    private static void assertWithin(double p, int successes, int n) {
        double sd = Math.sqrt(p * (1 - p) / n);
        assertEquals(p, (double) successes / n, 5 * sd + 1e-9, successes + " of " + n);
    }
}
