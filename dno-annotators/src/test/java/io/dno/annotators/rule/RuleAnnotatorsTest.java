package io.dno.annotators.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dno.annotators.Annotators;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RuleAnnotatorsTest {
    private static final Prompt P = Prompt.of("p", "What is 6 times 7?");
    private static final List<Response> C = List.of(Response.student("p", "42"), Response.student("p", "The answer is 42."),
            Response.student("p", "forty-two"), Response.teacher("p", ""));

    private static List<Double> scores(Judgement j) {
        return j.scored().stream().map(Scored::score).toList();
    }

    @Test
    void aFunctionScoresEachCandidateAndLeavesEmptyOrNonFiniteScoresUnannotated() {
        Annotator a = Annotators.function("length", (prompt, r) -> r.text().isEmpty() ? OptionalDouble.empty()
                : r.text().startsWith("f") ? OptionalDouble.of(Double.NaN) : OptionalDouble.of(r.text().length()));
        Judgement j = a.judge(P, C);
        assertEquals(List.of(2.0, 17.0), scores(j));
        assertEquals(List.of(C.get(2), C.get(3)), j.unannotated());
        assertEquals(Map.of("judgements", 1.0, "scored", 2.0, "unannotated", 2.0, "non_finite_scores", 1.0), a.counters());
    }

    @Test
    void regexAndPredicateRules() {
        assertEquals(List.of(1.0, 1.0, 0.0, 0.0), scores(Annotators.regex("has 42", Pattern.compile("\\b42\\b"), 1, 0).judge(P, C)));
        assertEquals(List.of(0.0, 0.0, 0.0, -1.0),
                scores(Annotators.rule("non-empty", (prompt, r) -> !r.text().isEmpty(), 0, -1).judge(P, C)));
    }

    @Test
    void referenceMatchUnderEachNormalisation() {
        Map<String, String> refs = Map.of("p", "42");
        assertEquals(List.of(6.0, 0.0, 0.0, 0.0), scores(Annotators.reference(refs, TextNormalization.EXACT, 6, 0).judge(P, C)));
        Annotator lenient = Annotators.reference(Map.of("p", "the answer is 42"), TextNormalization.LENIENT, 1, 0);
        assertEquals(List.of(0.0, 1.0, 0.0, 0.0), scores(lenient.judge(P, C)));
        assertEquals(List.of(6.0), scores(Annotators.reference(refs, TextNormalization.WHITESPACE, 6, 0)
                .judge(P, List.of(Response.student("p", "  42 \n")))));
    }

    @Test
    void aPromptWithoutAReferenceIsNotGuessed() {
        Annotator a = Annotators.reference(Map.of("other", "x"), TextNormalization.EXACT, 6, 0);
        Judgement j = a.judge(P, C);
        assertEquals(List.of(), j.scored());
        assertEquals(C, j.unannotated());
        assertEquals(4.0, a.counters().get("no_reference"));
        assertThrows(IllegalArgumentException.class, () -> Annotators.reference(Map.of(), TextNormalization.EXACT, 0, 0));
    }
}
