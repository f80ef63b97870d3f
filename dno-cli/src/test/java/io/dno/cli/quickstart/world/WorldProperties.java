package io.dno.cli.quickstart.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Prompt;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Task families, the answer forms and the oracle. */
class WorldProperties {

    @Property
    void everyTaskReadsBackFromItsPromptWithTheSameGoldAnswer(@ForAll TaskFamily family, @ForAll long seed) {
        Task task = family.sample(Seeds.random(seed, "t"));
        Task parsed = Task.of(Prompt.of("p", task.text()));
        assertEquals(task, parsed);
        assertTrue(family.answerKind().matches(task.gold()), task.gold());
    }

    @Property
    void theOracleAcceptsTheGoldAnswerBareOrWithThePreambleAndNothingElse(@ForAll TaskFamily family,
                                                                          @ForAll long seed) {
        Task task = family.sample(Seeds.random(seed, "t"));
        assertTrue(Oracle.isCorrect(task, task.gold()));
        assertTrue(Oracle.isCorrect(task, "ans " + task.gold()));
        assertFalse(Oracle.isCorrect(task, task.gold() + " "));
        assertFalse(Oracle.isCorrect(task, "ans  " + task.gold()));
        assertFalse(Oracle.isCorrect(task, task.gold() + task.gold()));
        assertFalse(Oracle.isCorrect(task, ""));
    }

    @Example
    void goldAnswersOfEachFamily() {
        assertEquals("42", Task.parse("a", "add 37+5").gold());
        assertEquals("140", Task.parse("a", "add 71+69").gold());
        assertEquals("dcba", Task.parse("b", "rev abcd").gold());
        assertEquals("1259", Task.parse("c", "sort 5291").gold());
        assertEquals("2", Task.parse("d", "count c abcac").gold());
        assertEquals("8", Task.parse("f", "max 3825").gold());
        assertEquals("0", Task.parse("e", "count h abc").gold());
    }

    @Example
    void aPromptOutsideTheWorldIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Task.parse("q7", "multiply 3*4"));
        assertTrue(e.getMessage().contains("q7") && e.getMessage().contains("multiply 3*4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Task.parse("q8", "rev abz"));
        assertThrows(IllegalArgumentException.class, () -> Task.parse("q9", "add 3+"));
    }

    @Example
    void answersParseIntoValueAndForm() {
        assertEquals(new Answer("82", false), Answer.parse("82").orElseThrow());
        assertEquals(new Answer("82", true), Answer.parse("ans 82").orElseThrow());
        assertTrue(Answer.parse("8 2").isEmpty());
        assertTrue(Answer.parse("ans ").isEmpty());
        assertEquals(0.5, Oracle.accuracy(List.of(Prompt.of("a", "rev ab"), Prompt.of("b", "rev ba")),
                List.of("ba", "ba")), 1e-12);
    }

    @Property
    void everyCharacterOfAPromptOrAnswerIsInTheAlphabet(@ForAll TaskFamily family, @ForAll long seed) {
        Task task = family.sample(Seeds.random(seed, "t"));
        List<String> alphabet = World.alphabet();
        String text = World.PROMPT_FORMAT.format(task.text()) + Answer.PREAMBLE + task.gold();
        text.codePoints().forEach(cp -> assertTrue(alphabet.contains(new String(Character.toChars(cp))),
                "missing '" + new String(Character.toChars(cp)) + "'"));
    }
}
