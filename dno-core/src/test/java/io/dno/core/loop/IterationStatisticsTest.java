package io.dno.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dno.core.data.PairKind;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.data.ScoredPrompt;
import io.dno.core.pairs.PairBuilders;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IterationStatisticsTest {

    private static ScoredPrompt prompt(String id, double teacher, double... students) {
        Prompt p = Prompt.of(id, "q");
        List<Scored> candidates = new ArrayList<>();
        for (int i = 0; i < students.length; i++) {
            candidates.add(Scored.of(Response.student(id, "word ".repeat(i + 1).strip() + " " + id), students[i]));
        }
        candidates.add(Scored.of(Response.teacher(id, "teacher answer " + id), teacher));
        return new ScoredPrompt(p, candidates);
    }

    @Test
    void computesTheTable2Columns() {
        // p1: teacher 5, students 6, 5, 2 -> one strict win; p2: teacher 4, students 3, 3, 3 -> none
        List<ScoredPrompt> annotated = List.of(prompt("p1", 5, 6, 5, 2), prompt("p2", 4, 3, 3, 3),
                new ScoredPrompt(Prompt.of("p3", "empty"), List.of()));
        var pairs = new ArrayList<io.dno.core.data.PreferencePair>();
        annotated.forEach(sp -> pairs.addAll(PairBuilders.dno().build(sp, 1)));

        IterationStatistics s = IterationStatistics.compute(0, annotated, pairs);

        assertEquals(2, s.inputs());                                  // the prompt without candidates is not an input
        assertEquals(0.5, s.bestOfNWinRate(), 1e-12);                 // p1's best student beats its teacher
        assertEquals(0.5, s.averageStudentWins(), 1e-12);             // (1 + 0) / 2
        assertEquals((6 + 5 + 2 + 3 + 3 + 3) / 6.0, s.averageStudentScore(), 1e-12);
        assertEquals(4.5, s.averageTeacherScore(), 1e-12);
        // lengths: "word p1"=2, "word word p1"=3, "word word word p1"=4, same for p2 -> mean 3, sd sqrt(2/3)
        assertEquals(3.0, s.studentLengthMean(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3), s.studentLengthSd(), 1e-12);
        // p1 pairs: student 6 > teacher 5 (S>T), 6 > 5-student (S>S), 6 > 2, 5-student > 2, teacher 5 > 2 (T>S)
        assertEquals(1, s.newPairs().get(PairKind.STUDENT_OVER_TEACHER));
        assertEquals(3, s.newPairs().get(PairKind.STUDENT_OVER_STUDENT));
        assertEquals(1, s.newPairs().get(PairKind.TEACHER_OVER_STUDENT));
        assertEquals(0, s.newPairs().get(PairKind.OFFLINE));
        assertEquals(5, s.totalNewPairs());
    }

    @Test
    void tiesWithTheTeacherAreNotWins() {
        IterationStatistics s = IterationStatistics.compute(1, List.of(prompt("p", 5, 5, 5)), List.of());
        assertEquals(0.0, s.bestOfNWinRate());
        assertEquals(0.0, s.averageStudentWins());
    }

    @Test
    void anEmptyIterationHasZeroesNotNaN() {
        IterationStatistics s = IterationStatistics.compute(1, List.of(), List.of());
        assertEquals(0, s.inputs());
        assertEquals(0.0, s.studentLengthMean());
        assertEquals(0.0, s.bestOfNWinRate());
        assertEquals(0, s.totalNewPairs());
    }
}
