package io.dno.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthControlTest {
    private static JudgedAnswer answer(int i, int length, int teacherLength, double policy, double teacher) {
        Prompt p = Prompt.of("p" + i, "q");
        return JudgedAnswer.of(p, Response.student(p.id(), "x".repeat(length)),
                Response.teacher(p.id(), "y".repeat(teacherLength)), policy, teacher);
    }

    @Test
    void withoutLengthDifferencesItIsTheWinRate() {
        List<JudgedAnswer> judged = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            judged.add(answer(i, 10, 10, i % 4 == 0 ? 5 : 3, 4));        // 1 in 4 wins
        }
        Evaluation e = Evaluation.of(judged);
        assertEquals(0.25, e.winRate(), 1e-12);
        assertEquals(0.25, e.lengthControlledWinRate(), 0.01);
    }

    @Test
    void winsThatOnlyLongAnswersGetAreDiscounted() {
        List<JudgedAnswer> judged = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean longer = i % 2 == 0;
            boolean win = longer ? i % 10 != 0 : i % 10 == 1;                // long answers win 80 %, short 20 %
            judged.add(answer(i, longer ? 40 : 10, 10, win ? 5 : 3, 4));
        }
        Evaluation e = Evaluation.of(judged);
        assertEquals(0.5, e.winRate(), 1e-12);
        assertTrue(e.lengthControlledWinRate() < 0.45, "LC " + e.lengthControlledWinRate());
    }

    @Test
    void tiesCountHalfAndUnjudgedPromptsDoNotCount() {
        Prompt p = Prompt.of("p", "q");
        List<JudgedAnswer> judged = List.of(answer(0, 3, 3, 4, 4), answer(1, 3, 3, 5, 4),
                JudgedAnswer.of(p, Response.student("p", "a"), Response.teacher("p", "b"), null, 4.0));
        Evaluation e = Evaluation.of(judged);
        assertEquals(3, e.prompts());
        assertEquals(2, e.judged());
        assertEquals(0.75, e.winRate(), 1e-12);
    }
}
