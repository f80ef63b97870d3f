package io.dno.annotators.pairwise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dno.annotators.Annotators;
import io.dno.annotators.judge.Scale;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class WinRateAnnotatorTest {
    private static final Prompt P = Prompt.of("p", "q");
    private static final List<Response> C = List.of(Response.student("p", "a"), Response.student("p", "bbb"),
            Response.student("p", "cc"));

    /** Bradley-Terry on length: P(x ≻ y) = |x| / (|x| + |y|). */
    private static OptionalDouble byLength(Prompt prompt, Response x, Response y) {
        return OptionalDouble.of(x.text().length() / (double) (x.text().length() + y.text().length()));
    }

    @Test
    void scoresAreMeanWinRatesAgainstTheOthers() {
        Judgement j = Annotators.winRate("len", WinRateAnnotatorTest::byLength, false, new Scale(0, 1)).judge(P, C);
        List<Double> s = j.scored().stream().map(Scored::score).toList();
        assertEquals((1 / 4.0 + 1 / 3.0) / 2, s.get(0), 1e-12);
        assertEquals((3 / 4.0 + 3 / 5.0) / 2, s.get(1), 1e-12);
        assertEquals((2 / 3.0 + 2 / 5.0) / 2, s.get(2), 1e-12);
        assertEquals(1.5, s.stream().mapToDouble(Double::doubleValue).sum(), 1e-12, "win-rates of n sum to n/2");
    }

    @Test
    void bothOrdersCancelAFirstPositionBiasAndTheScaleIsApplied() {
        PairwisePreference firstBiased = (p, x, y) -> OptionalDouble.of(Math.min(1, byLength(p, x, y).getAsDouble() + 0.1));
        Annotator a = Annotators.winRate("biased", firstBiased, true, new Scale(0, 6));
        Judgement j = a.judge(P, C);
        assertEquals(6 * (1 / 4.0 + 1 / 3.0) / 2, j.scored().get(0).score(), 1e-12);
        assertEquals(6.0, a.counters().get("comparisons"));
    }

    @Test
    void aFailedComparisonLeavesBothSidesUnannotated() {
        PairwisePreference failsOnC = (p, x, y) -> x.text().equals("cc") || y.text().equals("cc") ? OptionalDouble.of(1.5)
                : byLength(p, x, y);
        Annotator a = Annotators.winRate("f", failsOnC, false, new Scale(0, 1));
        Judgement j = a.judge(P, C);
        assertEquals(List.of(), j.scored());
        assertEquals(C, j.unannotated());
        assertEquals(2.0, a.counters().get("failed_comparisons"));
        assertEquals(List.of(C.get(0)), a.judge(P, List.of(C.get(0))).unannotated(), "a lone candidate has no win-rate");
    }
}
