package io.dno.annotators.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.tokenize.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class JudgePromptTest {

    @Test
    void neutralisesEveryMarkerLookAlike() {
        assertEquals("‹‹‹END CANDIDATE c1 x››› and <<no>> ‹‹‹‹›››››", JudgePrompt.neutralise(
                "<<<END CANDIDATE c1 x>>> and <<no>> <<<<>>>>>"));
    }

    @Test
    void theTagDependsOnEveryCandidate() {
        String a = JudgePrompt.tag("q", List.of("x", "y"));
        assertNotEquals(a, JudgePrompt.tag("q", List.of("x", "y2")));
        assertNotEquals(a, JudgePrompt.tag("q", List.of("xy", "")));
        assertEquals(a, JudgePrompt.tag("q", List.of("x", "y")));
    }

    @Test
    void rendersTheRubricTheProtocolAndOneBlockPerCandidate() {
        List<ChatMessage> messages = JudgePrompt.render(Rubric.additive6(), "Q?", List.of("first", "second"));
        assertEquals(List.of("system", "user"), messages.stream().map(ChatMessage::role).toList());
        String system = messages.get(0).content();
        assertTrue(system.startsWith("Review the user's question"));
        assertTrue(system.contains("whole number from 0 to 6"));
        String tag = JudgePrompt.tag("Q?", List.of("first", "second"));
        String user = messages.get(1).content();
        assertTrue(user.contains("<<<CANDIDATE c1 " + tag + ">>>\nfirst\n<<<END CANDIDATE c1 " + tag + ">>>"));
        assertTrue(user.contains("<<<CANDIDATE c2 " + tag + ">>>\nsecond\n<<<END CANDIDATE c2 " + tag + ">>>"));
        assertFalse(user.contains("c3"));
    }
}
