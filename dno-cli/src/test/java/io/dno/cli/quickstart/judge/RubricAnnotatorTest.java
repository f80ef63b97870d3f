package io.dno.cli.quickstart.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.cli.quickstart.world.PoolSizes;
import io.dno.cli.quickstart.world.PromptPools;
import io.dno.cli.quickstart.world.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** The listwise judge: exact without noise, bounded noise, a length bias that only raises longer answers. */
class RubricAnnotatorTest {
    private static final List<Prompt> PROMPTS = PromptPools.generate(2, new PoolSizes(600, 1, 1, 0, 1)).sft();

    /** Candidates of every quality for one prompt: gold, wordy gold, a near miss, wrong kind, junk. */
    private static List<Response> candidates(Prompt p) {
        String gold = Task.of(p).gold();
        String nearMiss = gold.length() > 1 ? gold.substring(1) + gold.charAt(0) : gold + gold;
        return List.of(Response.student(p.id(), gold), Response.teacher(p.id(), "ans " + gold),
                Response.student(p.id(), nearMiss), Response.student(p.id(), "zz"), Response.student(p.id(), ""));
    }

    @Example
    void withoutNoiseOrBiasTheJudgeIsTheRubric() {
        RubricAnnotator judge = RubricAnnotator.exact();
        for (Prompt p : PROMPTS.subList(0, 100)) {
            Judgement j = judge.judge(p, candidates(p));
            assertTrue(j.unannotated().isEmpty());
            for (Scored s : j.scored()) {
                assertEquals(Rubric.score(Task.of(p), s.text()), s.score(), s.text());
                assertTrue(!s.justification().isEmpty());
            }
        }
        assertEquals(500.0, judge.counters().get("candidates_judged"));
    }

    @Property(tries = 20)
    void noiseMovesAScoreByAtMostOnePointAtAboutItsRate(@ForAll @DoubleRange(min = 0, max = 1) double noise,
                                                       @ForAll long seed) {
        RubricAnnotator judge = new RubricAnnotator(noise, 0, seed);
        int moved = 0;
        int total = 0;
        for (Prompt p : PROMPTS) {
            for (Scored s : judge.judge(p, candidates(p)).scored()) {
                int exact = Rubric.score(Task.of(p), s.text());
                assertTrue(Math.abs(s.score() - exact) <= 1 && s.score() >= 0 && s.score() <= 6);
                moved += s.score() != exact ? 1 : 0;
                total++;
            }
        }
        // a draw moves the score unless it would leave 0..6 (about a quarter of these candidates sit at an end,
        // half of whose moves are clipped), so the moved share lies between noise * 0.7 and noise
        double share = (double) moved / total;
        double slack = 5 * Math.sqrt(0.25 / total);
        assertTrue(share <= noise + slack && share >= 0.7 * noise - slack, "noise " + noise + " moved " + share);
    }

    @Property(tries = 20)
    void lengthBiasOnlyRaisesWellFormedAnswersLongerThanTheGoldAnswer(
            @ForAll @DoubleRange(min = 0, max = 1) double bias, @ForAll long seed) {
        RubricAnnotator judge = new RubricAnnotator(0, bias, seed);
        for (Prompt p : PROMPTS.subList(0, 200)) {
            Task task = Task.of(p);
            for (Scored s : judge.judge(p, candidates(p)).scored()) {
                int exact = Rubric.score(task, s.text());
                double bonus = s.score() - exact;
                assertTrue(bonus == 0 || bonus == 1);
                if (bonus == 1) {
                    assertTrue(s.text().length() > task.gold().length() && exact >= 1 && exact < 6, s.text());
                }
            }
        }
    }

    @Example
    void fullLengthBiasMakesTheWordyCorrectAnswerTieTheConciseOne() {
        RubricAnnotator judge = new RubricAnnotator(0, 1, 9);
        Prompt p = Prompt.of("x", "rev abcd");
        List<Scored> s = judge.judge(p, List.of(Response.student("x", "dcba"), Response.teacher("x", "ans dcba")))
                .scored();
        assertEquals(6.0, s.get(0).score());
        assertEquals(6.0, s.get(1).score());
    }

    @Property(tries = 20)
    void aCandidateGetsTheSameScoreWhateverItsPositionOrCompany(@ForAll long seed) {
        RubricAnnotator judge = new RubricAnnotator(0.3, 0.3, seed);
        for (Prompt p : PROMPTS.subList(0, 50)) {
            List<Response> c = new ArrayList<>(candidates(p));
            Map<Response, Double> first = byResponse(judge.judge(p, c));
            Collections.shuffle(c, new java.util.Random(seed));
            assertEquals(first, byResponse(judge.judge(p, c)));
            assertEquals(first.get(c.get(0)), byResponse(judge.judge(p, c.subList(0, 1))).get(c.get(0)));
        }
    }

    @Example
    void aCandidateOfAnotherPromptIsRejected() {
        Prompt p = Prompt.of("x", "rev abcd");
        assertThrows(IllegalArgumentException.class,
                () -> RubricAnnotator.exact().judge(p, List.of(Response.student("y", "dcba"))));
        assertThrows(IllegalArgumentException.class, () -> new RubricAnnotator(1.2, 0, 0));
    }

    private static Map<Response, Double> byResponse(Judgement j) {
        return j.scored().stream().collect(Collectors.toMap(Scored::response, Scored::score, (a, b) -> a));
    }
}
