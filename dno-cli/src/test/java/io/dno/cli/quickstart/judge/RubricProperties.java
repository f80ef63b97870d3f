package io.dno.cli.quickstart.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.cli.quickstart.world.Oracle;
import io.dno.cli.quickstart.world.Seeds;
import io.dno.cli.quickstart.world.Task;
import io.dno.cli.quickstart.world.TaskFamily;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The noiseless rubric: points 1-5 absolute and monotone in correctness; point 6 to the best-formed of a call. */
class RubricProperties {

    @Provide
    Arbitrary<String> responses() {
        return Arbitraries.strings().withChars("0123456789abcdefghij anso").ofMaxLength(14);
    }

    @Property
    void correctAnswersEarnAllFiveAbsolutePointsAndWrongOnesAtMostFour(@ForAll TaskFamily family, @ForAll long seed,
                                                                       @ForAll("responses") String response) {
        Task task = family.sample(Seeds.random(seed, "t"), seed % 2 == 0);
        int score = Rubric.absoluteScore(task, response);
        assertTrue(score >= 0 && score <= 5);
        assertEquals(Oracle.isCorrect(task, response), score == 5, response);
        assertEquals(5, Rubric.absoluteScore(task, task.gold()));
        assertEquals(6, Rubric.scoreAlone(task, task.gold()));
    }

    @Property
    void pointsAreEarnedInOrderWithoutGaps(@ForAll TaskFamily family, @ForAll long seed,
                                           @ForAll("responses") String response) {
        List<Criterion> earned = Rubric.absolute(family.sample(Seeds.random(seed, "t"), false), response);
        assertEquals(List.of(Criterion.values()).subList(0, earned.size()), earned);
    }

    @Property
    void theSixthPointGoesToTheShortestCorrectAnswerOrWithTheBiasToTheLongest(@ForAll("formLists") List<String> texts) {
        if (texts.isEmpty()) {
            assertTrue(Rubric.bestOfCall(texts, false).isEmpty());
            return;
        }
        String shortest = Rubric.bestOfCall(texts, false).orElseThrow();
        String longest = Rubric.bestOfCall(texts, true).orElseThrow();
        texts.forEach(t -> assertTrue(shortest.length() <= t.length() && longest.length() >= t.length()));
    }

    @Provide
    Arbitrary<List<String>> formLists() {
        return Arbitraries.of("8", "ans 8", "3825 so 8", "9", "ans 9").list().uniqueElements().ofMaxSize(5);
    }

    @Example
    void pointsOnWorkedExamples() {
        Task next = Task.parse("r", "next abcd");
        assertEquals(5, Rubric.absoluteScore(next, "bcde"));
        assertEquals(5, Rubric.absoluteScore(next, "ans bcde"));
        assertEquals(5, Rubric.absoluteScore(next, "abcd so bcde"));
        assertEquals(0, Rubric.absoluteScore(next, "abce so bcde"));   // the worked form restates the input wrongly
        assertEquals(4, Rubric.absoluteScore(next, "bdce"));            // one transposition: nearly right
        assertEquals(4, Rubric.absoluteScore(next, "bcdd"));            // one substitution: nearly right
        assertEquals(3, Rubric.absoluteScore(next, "bcaa"));            // two off: mostly right
        assertEquals(3, Rubric.absoluteScore(next, "abcd"));            // two edits (a out, e in): mostly right
        assertEquals(2, Rubric.absoluteScore(next, "aaaa"));            // right kind, four off
        assertEquals(1, Rubric.absoluteScore(next, "1234"));            // wrong kind
        assertEquals(0, Rubric.absoluteScore(next, "bc de"));           // not an answer
        assertEquals(3, Rubric.absoluteScore(Task.parse("s", "sort 5091"), "1590"));   // the blind-class mistake
    }
}
