package io.dno.cli.quickstart.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.cli.quickstart.teacher.Mistakes;
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

/** The noiseless additive rubric. */
class RubricProperties {

    @Provide
    Arbitrary<String> responses() {
        return Arbitraries.strings().withChars("0123456789abcdefgh ans+=xz").ofMaxLength(14);
    }

    @Property
    void correctAnswersScoreFiveOrSixAndEverythingElseAtMostFour(@ForAll TaskFamily family, @ForAll long seed,
                                                                 @ForAll("responses") String response) {
        Task task = family.sample(Seeds.random(seed, "t"));
        int score = Rubric.score(task, response);
        assertTrue(score >= 0 && score <= 6);
        if (Oracle.isCorrect(task, response)) {
            assertTrue(score >= 5, response);
        } else {
            assertTrue(score <= 4, response);
        }
        assertEquals(6, Rubric.score(task, task.gold()));
        assertEquals(5, Rubric.score(task, "ans " + task.gold()));
    }

    @Property
    void pointsAreEarnedInOrderWithoutGaps(@ForAll TaskFamily family, @ForAll long seed,
                                           @ForAll("responses") String response) {
        List<Criterion> earned = Rubric.earned(Task.of(io.dno.core.data.Prompt.of("p",
                family.sample(Seeds.random(seed, "t")).text())), response);
        assertEquals(List.of(Criterion.values()).subList(0, earned.size()), earned);
    }

    @Property
    void aPlausibleMistakeOutscoresAWrongKindOfAnswer(@ForAll TaskFamily family, @ForAll long seed) {
        Task task = family.sample(Seeds.random(seed, "t"));
        String mistake = Mistakes.of(task, Seeds.random(seed, "m"));
        String wrongKind = family.answerKind() == io.dno.cli.quickstart.world.AnswerKind.DIGITS ? "abc" : "123";
        assertTrue(Rubric.score(task, mistake) > Rubric.score(task, wrongKind));
        assertEquals(1, Rubric.score(task, wrongKind));
    }

    @Example
    void pointsOnWorkedExamples() {
        Task rev = Task.parse("r", "rev abcd");
        assertEquals(6, Rubric.score(rev, "dcba"));
        assertEquals(5, Rubric.score(rev, "ans dcba"));
        assertEquals(4, Rubric.score(rev, "dbca"));          // one transposition: nearly right
        assertEquals(4, Rubric.score(rev, "dbba"));          // one substitution: nearly right
        assertEquals(3, Rubric.score(rev, "cdab"));          // two transpositions: mostly right
        assertEquals(2, Rubric.score(rev, "abcd"));          // right kind, but four characters off
        assertEquals(1, Rubric.score(rev, "1234"));          // wrong kind
        assertEquals(0, Rubric.score(rev, "dc ba"));         // not an answer
        assertEquals(0, Rubric.score(rev, "dcbadcbadcbadcba"));   // rambling
    }
}
