package io.dno.cli.quickstart.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Prompt;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Task families, their blind classes, the answer forms and the oracle. */
class WorldProperties {

    @Property
    void everyTaskReadsBackFromItsPromptInOrOutOfItsBlindClassAsAsked(@ForAll TaskFamily family, @ForAll long seed,
                                                                      @ForAll boolean blind) {
        Task task = family.sample(Seeds.random(seed, "t"), blind);
        assertEquals(task, Task.of(Prompt.of("p", task.text())));
        assertTrue(family.answerKind().matches(task.gold()), task.gold());
        assertEquals(blind, task.inBlindClass(), task.text());
    }

    @Property
    void theCharacteristicMistakeIsWrongButOfTheRightKind(@ForAll TaskFamily family, @ForAll long seed) {
        Task task = family.sample(Seeds.random(seed, "t"), true);
        String mistake = task.blindMistake();
        assertNotEquals(task.gold(), mistake, task.text());
        assertTrue(family.answerKind().matches(mistake), mistake);
        assertFalse(Oracle.isCorrect(task, mistake));
    }

    @Property
    void theOracleAcceptsTheGoldAnswerInEveryFormAndNothingElse(@ForAll TaskFamily family, @ForAll long seed,
                                                                @ForAll AnswerForm form) {
        Task task = family.sample(Seeds.random(seed, "t"), seed % 2 == 0);
        String text = Answer.of(task, task.gold(), form).text();
        assertTrue(Oracle.isCorrect(task, text), text);
        assertEquals(Answer.of(task, task.gold(), form), Answer.parse(text).orElseThrow());
        assertFalse(Oracle.isCorrect(task, text + " "));
        assertFalse(Oracle.isCorrect(task, " " + text));
        if (form != AnswerForm.BARE) {
            assertFalse(Oracle.isCorrect(task, text.replace(" ", "  ")));
        }
        assertFalse(Oracle.isCorrect(task, task.gold() + task.gold()));
        assertFalse(Oracle.isCorrect(task, ""));
        assertFalse(Oracle.isCorrect(task, "x" + task.input() + Answer.SO + task.gold()), "a worked answer must "
                + "restate the input exactly");
    }

    @Property
    void everyCharacterOfAPromptOrAnAnswerInAnyFormIsInTheAlphabet(@ForAll TaskFamily family, @ForAll long seed) {
        Task task = family.sample(Seeds.random(seed, "t"), seed % 3 == 0);
        List<String> alphabet = World.alphabet();
        String text = World.PROMPT_FORMAT.format(task.text()) + Answer.of(task, task.gold(), AnswerForm.PREAMBLE).text()
                + Answer.of(task, task.gold(), AnswerForm.WORKED).text();
        text.codePoints().forEach(cp -> assertTrue(alphabet.contains(new String(Character.toChars(cp))),
                "missing '" + new String(Character.toChars(cp)) + "'"));
    }

    @Example
    void goldAnswersBlindClassesAndMistakesOfEachFamily() {
        Task next = Task.parse("a", "next abci");
        assertEquals("bcdj", next.gold());
        assertTrue(next.inBlindClass());
        assertEquals("bcdi", next.blindMistake());
        assertThrows(IllegalArgumentException.class, () -> Task.parse("a", "next abcj"), "j has no next letter");
        assertFalse(Task.parse("a", "next abc").inBlindClass());
        Task sort = Task.parse("b", "sort 5091");
        assertEquals("0159", sort.gold());
        assertTrue(sort.inBlindClass());
        assertEquals("1590", sort.blindMistake());
        assertFalse(Task.parse("b", "sort 5291").inBlindClass());
        Task max = Task.parse("c", "max 9382");
        assertEquals("9", max.gold());
        assertTrue(max.inBlindClass());
        assertEquals("8", max.blindMistake());
        assertFalse(Task.parse("c", "max 3982").inBlindClass());
        assertFalse(Task.parse("c", "max 9392").inBlindClass(), "a largest digit repeated later is not overlooked");
        assertThrows(IllegalArgumentException.class, () -> Task.parse("c", "max 3982").blindMistake());
    }

    @Example
    void aPromptOutsideTheWorldIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Task.parse("q7", "multiply 3*4"));
        assertTrue(e.getMessage().contains("q7") && e.getMessage().contains("multiply 3*4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Task.parse("q8", "next abz"));
        assertThrows(IllegalArgumentException.class, () -> Task.parse("q9", "sort 1123"), "sort takes distinct digits");
    }

    @Example
    void answersParseIntoValueAndForm() {
        assertEquals(new Answer("82", AnswerForm.BARE, ""), Answer.parse("82").orElseThrow());
        assertEquals(new Answer("82", AnswerForm.PREAMBLE, ""), Answer.parse("ans 82").orElseThrow());
        assertEquals(new Answer("82", AnswerForm.WORKED, "2812"), Answer.parse("2812 so 82").orElseThrow());
        assertTrue(Answer.parse("8 2").isEmpty());
        assertTrue(Answer.parse("ans ").isEmpty());
        assertTrue(Answer.parse("a b c d").isEmpty());
        assertEquals(0.5, Oracle.accuracy(List.of(Prompt.of("a", "max 1234"), Prompt.of("b", "max 4321")),
                List.of("4", "3")), 1e-12);
    }
}
