package io.dno.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.io.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {
    private static final Prompt PROMPT = Prompt.of("p1", "Add 2 and 3.");

    @Test
    void everyRecordSurvivesAJsonRoundTrip() throws Exception {
        Response student = Response.student("p1", "5");
        Response teacher = Response.teacher("p1", "The answer is 5.");
        List<Object> values = List.of(
                PROMPT,
                student,
                new Scored(teacher, 6, "exact and concise"),
                new ScoredPrompt(PROMPT, List.of(Scored.of(student, 4.5), Scored.of(teacher, 6))),
                PreferencePair.of(PROMPT, teacher, student, 1.5, 2),
                PreferencePair.of(PROMPT, teacher, student, 1.5, 2, 0.6224593312),
                Demonstration.of(PROMPT, "5"));
        for (Object value : values) {
            String json = Json.mapper().writeValueAsString(value);
            assertEquals(value, Json.mapper().readValue(json, value.getClass()), json);
        }
    }

    @Test
    void pairKindAndOriginUseTheirShortLabelsInJson() throws Exception {
        String json = Json.mapper().writeValueAsString(
                PreferencePair.of(PROMPT, Response.student("p1", "a"), Response.teacher("p1", "b"), 1, 1));
        assertTrue(json.contains("\"kind\":\"S>T\""), json);
        assertTrue(json.contains("\"origin\":\"student\""), json);
    }

    @Test
    void rejectsABlankPromptIdNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> Prompt.of(" ", "x"));
        assertTrue(e.getMessage().contains("'id'"), e.getMessage());
    }

    @Test
    void rejectsNonFiniteScores() {
        var e = assertThrows(IllegalArgumentException.class, () -> Scored.of(Response.student("p1", "x"), Double.NaN));
        assertTrue(e.getMessage().contains("'score'") && e.getMessage().contains("p1"), e.getMessage());
    }

    @Test
    void rejectsAPairWhoseResponsesAnswerAnotherPrompt() {
        var e = assertThrows(IllegalArgumentException.class, () -> PreferencePair.of(PROMPT,
                Response.teacher("p1", "a"), Response.student("p2", "b"), 1, 1));
        assertTrue(e.getMessage().contains("p2"), e.getMessage());
    }

    @Test
    void rejectsAPairComparingATextWithItself() {
        assertThrows(IllegalArgumentException.class, () -> PreferencePair.of(PROMPT,
                Response.teacher("p1", "same"), Response.student("p1", "same"), 1, 1));
    }

    @Test
    void rejectsAKindThatContradictsTheOrigins() {
        var e = assertThrows(IllegalArgumentException.class, () -> new PreferencePair(PROMPT,
                Response.teacher("p1", "a"), Response.student("p1", "b"), PairKind.STUDENT_OVER_TEACHER, 1, 1));
        assertTrue(e.getMessage().contains("T>S"), e.getMessage());
    }

    @Test
    void rejectsNegativeMarginsAndIterations() {
        Response a = Response.teacher("p1", "a");
        Response b = Response.student("p1", "b");
        assertThrows(IllegalArgumentException.class, () -> PreferencePair.of(PROMPT, a, b, -0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> PreferencePair.of(PROMPT, a, b, 1, -1));
    }

    @Test
    void pairKindFollowsTheOrigins() {
        assertEquals(PairKind.TEACHER_OVER_STUDENT, PairKind.between(Origin.TEACHER, Origin.STUDENT));
        assertEquals(PairKind.STUDENT_OVER_TEACHER, PairKind.between(Origin.STUDENT, Origin.TEACHER));
        assertEquals(PairKind.STUDENT_OVER_STUDENT, PairKind.between(Origin.STUDENT, Origin.STUDENT));
        assertEquals(PairKind.TEACHER_OVER_TEACHER, PairKind.between(Origin.TEACHER, Origin.TEACHER));
        assertEquals(PairKind.OFFLINE, PairKind.between(Origin.DATASET, Origin.STUDENT));
    }

    @Test
    void scoredPromptRejectsACandidateOfAnotherPrompt() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ScoredPrompt(PROMPT, List.of(Scored.of(Response.student("p9", "x"), 1))));
        assertTrue(e.getMessage().contains("candidates[0]"), e.getMessage());
    }

    @Test
    void scoredPromptSplitsStudentsAndTeachers() {
        ScoredPrompt sp = new ScoredPrompt(PROMPT, List.of(Scored.of(Response.student("p1", "a"), 1),
                Scored.of(Response.teacher("p1", "b"), 5), Scored.of(Response.student("p1", "c"), 2)));
        assertEquals(List.of("a", "c"), sp.students().stream().map(Scored::text).toList());
        assertEquals(List.of("b"), sp.teachers().stream().map(Scored::text).toList());
    }

    @Test
    void aPairWrittenBeforeSoftTargetsReadsAsAHardPair() throws Exception {
        String old = "{\"prompt\":{\"id\":\"p1\",\"text\":\"q\"},"
                + "\"chosen\":{\"promptId\":\"p1\",\"text\":\"a\",\"origin\":\"teacher\"},"
                + "\"rejected\":{\"promptId\":\"p1\",\"text\":\"b\",\"origin\":\"student\"},"
                + "\"kind\":\"T>S\",\"margin\":2.0,\"iteration\":1}";
        PreferencePair pair = Json.mapper().readValue(old, PreferencePair.class);
        assertEquals(1.0, pair.target());
        String soft = old.replace("\"iteration\":1}", "\"iteration\":1,\"target\":0.7}");
        assertEquals(0.7, Json.mapper().readValue(soft, PreferencePair.class).target());
        assertTrue(Json.mapper().writeValueAsString(pair).contains("\"target\":1.0"));
    }

    @Test
    void rejectsATargetThatMakesTheRejectedSideTheLikelierWinner() {
        Response a = Response.teacher("p1", "a");
        Response b = Response.student("p1", "b");
        var e = assertThrows(IllegalArgumentException.class, () -> PreferencePair.of(PROMPT, a, b, 1, 1, 0.3));
        assertTrue(e.getMessage().contains("field 'target'") && e.getMessage().contains("[0.5, 1]")
                && e.getMessage().contains("swap the sides"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PreferencePair.of(PROMPT, a, b, 1, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PreferencePair.of(PROMPT, a, b, 1, 1, 1.01));
        assertEquals(0.5, PreferencePair.of(PROMPT, a, b, 1, 1, 0.5).target());
    }

    @Test
    void missingJustificationReadsAsEmpty() throws Exception {
        Scored s = Json.mapper().readValue(
                "{\"response\":{\"promptId\":\"p1\",\"text\":\"x\",\"origin\":\"student\"},\"score\":3}", Scored.class);
        assertEquals("", s.justification());
    }
}
