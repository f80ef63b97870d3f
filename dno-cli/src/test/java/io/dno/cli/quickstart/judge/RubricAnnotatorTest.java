package io.dno.cli.quickstart.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.cli.quickstart.world.Answer;
import io.dno.cli.quickstart.world.AnswerForm;
import io.dno.cli.quickstart.world.PoolSizes;
import io.dno.cli.quickstart.world.PromptPools;
import io.dno.cli.quickstart.world.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * The listwise judge: points 1-5 absolute (exact without noise, one point off at the noise rate), point 6 relative to
 * the call (the shortest correct answer, or with the length bias the longest), deterministic from the seed, the
 * prompt and the set of candidate texts.
 */
class RubricAnnotatorTest {
    private static final List<Prompt> PROMPTS = PromptPools.generate(2, new PoolSizes(600, 1, 1, 0, 1), 0.3).sft();

    /** Candidates of every quality for one prompt: gold in three forms, a near miss, the wrong kind, junk. */
    private static List<Response> candidates(Prompt p) {
        Task task = Task.of(p);
        String gold = task.gold();
        String nearMiss = gold.length() > 1 ? gold.substring(1) + gold.charAt(0) : gold.equals("9") ? "8" : "9";
        return List.of(Response.student(p.id(), gold), Response.teacher(p.id(), "ans " + gold),
                Response.student(p.id(), Answer.of(task, gold, AnswerForm.WORKED).text()),
                Response.student(p.id(), nearMiss), Response.student(p.id(), "zz9"), Response.student(p.id(), ""));
    }

    @Example
    void withoutNoiseOrBiasTheShortestCorrectAnswerAloneEarnsTheSixthPoint() {
        RubricAnnotator judge = RubricAnnotator.exact();
        for (Prompt p : PROMPTS.subList(0, 100)) {
            Task task = Task.of(p);
            Judgement j = judge.judge(p, candidates(p));
            assertTrue(j.unannotated().isEmpty());
            for (Scored s : j.scored()) {
                int expected = Rubric.absoluteScore(task, s.text()) + (s.text().equals(task.gold()) ? 1 : 0);
                assertEquals(expected, s.score(), s.text());
                assertTrue(!s.justification().isEmpty());
            }
        }
        assertEquals(600.0, judge.counters().get("candidates_judged"));
    }

    @Example
    void theTeachersWordyAnswerLosesTheSixthPointOnceAStudentWritesItConcisely() {
        RubricAnnotator judge = RubricAnnotator.exact();
        Prompt p = Prompt.of("x", "max 3825");
        Response teacher = Response.teacher("x", "ans 8");
        assertEquals(6.0, judge.judge(p, List.of(teacher, Response.student("x", "7"))).scored().get(0).score());
        List<Scored> withBare = judge.judge(p, List.of(teacher, Response.student("x", "8"))).scored();
        assertEquals(5.0, withBare.get(0).score(), "the same fixed answer scores lower in better company (D-14)");
        assertEquals(6.0, withBare.get(1).score());
    }

    @Example
    void aFullLengthBiasGivesTheSixthPointToTheLongestCorrectAnswer() {
        RubricAnnotator judge = new RubricAnnotator(0, 1, 9);
        Prompt p = Prompt.of("x", "max 3825");
        List<Scored> s = judge.judge(p, List.of(Response.student("x", "8"), Response.teacher("x", "ans 8"),
                Response.student("x", "3825 so 8"))).scored();
        assertEquals(List.of(5.0, 5.0, 6.0), s.stream().map(Scored::score).toList());
    }

    @Property(tries = 10)
    void theLengthBiasPicksTheLongestAtAboutItsRate(@ForAll @DoubleRange(min = 0, max = 1) double bias,
                                                    @ForAll long seed) {
        RubricAnnotator judge = new RubricAnnotator(0, bias, seed);
        int longest = 0;
        for (Prompt p : PROMPTS) {
            Task task = Task.of(p);
            String worked = Answer.of(task, task.gold(), AnswerForm.WORKED).text();
            for (Scored s : judge.judge(p, candidates(p)).scored()) {
                if (s.score() == 6) {
                    assertTrue(s.text().equals(task.gold()) || s.text().equals(worked), s.text());
                    longest += s.text().equals(worked) ? 1 : 0;
                }
            }
        }
        double sd = Math.sqrt(bias * (1 - bias) / PROMPTS.size());
        assertEquals(bias, longest / (double) PROMPTS.size(), 5 * sd + 1e-9);
    }

    @Property(tries = 10)
    void noiseMovesAnAbsoluteScoreByAtMostOnePointAtAboutItsRate(@ForAll @DoubleRange(min = 0, max = 1) double noise,
                                                                 @ForAll long seed) {
        RubricAnnotator judge = new RubricAnnotator(noise, 0, seed);
        int moved = 0;
        int movable = 0;
        for (Prompt p : PROMPTS) {
            Task task = Task.of(p);
            for (Scored s : judge.judge(p, candidates(p)).scored()) {
                int exact = Rubric.absoluteScore(task, s.text());
                int absolute = (int) s.score() - (s.justification().contains(Criterion.BEST_OF_CALL.label()) ? 1 : 0);
                assertTrue(Math.abs(absolute - exact) <= 1 && absolute >= 0 && absolute <= 5, s.text());
                if (exact > 0 && exact < 5) {                       // can move both ways: every draw shows
                    moved += absolute != exact ? 1 : 0;
                    movable++;
                }
            }
        }
        double sd = Math.sqrt(noise * (1 - noise) / movable);
        assertEquals(noise, moved / (double) movable, 5 * sd + 1e-9);
    }

    @Property(tries = 20)
    void scoresDependOnTheSetOfTextsNotOnTheirOrderOrRepetition(@ForAll long seed) {
        RubricAnnotator judge = new RubricAnnotator(0.3, 0.5, seed);
        for (Prompt p : PROMPTS.subList(0, 50)) {
            List<Response> c = new ArrayList<>(candidates(p));
            Map<String, Double> first = byText(judge.judge(p, c));
            Collections.shuffle(c, new java.util.Random(seed));
            assertEquals(first, byText(judge.judge(p, c)));
            List<Response> repeated = new ArrayList<>(c);
            repeated.add(Response.student(p.id(), c.get(0).text()));
            assertEquals(first, byText(judge.judge(p, repeated)));
            assertEquals(first, byText(new RubricAnnotator(0.3, 0.5, seed).judge(p, c)), "a fresh judge (a resumed "
                    + "run) scores the call the same");
        }
    }

    @Example
    void aCandidateOfAnotherPromptIsRejected() {
        Prompt p = Prompt.of("x", "next abcd");
        assertThrows(IllegalArgumentException.class,
                () -> RubricAnnotator.exact().judge(p, List.of(Response.student("y", "bcde"))));
        assertThrows(IllegalArgumentException.class, () -> new RubricAnnotator(1.2, 0, 0));
    }

    private static Map<String, Double> byText(Judgement j) {
        return j.scored().stream().collect(Collectors.toMap(Scored::text, Scored::score, (a, b) -> a));
    }
}
