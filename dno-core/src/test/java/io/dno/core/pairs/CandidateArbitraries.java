package io.dno.core.pairs;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of one prompt's scored candidates, built to hit the edge cases of the pair rules often:
 * empty and single-candidate inputs, ties (scores from a small domain), half-point scores, an optional
 * single teacher answer, texts that the defect detector flags ("a a a a a a"), and identical texts.
 */
final class CandidateArbitraries {
    static final Prompt PROMPT = Prompt.of("p1", "Sort: c a b");
    static final List<Double> RUBRIC_SCORES = List.of(0.0, 1.0, 2.0, 3.0, 4.0, 4.5, 5.0, 5.5, 6.0);

    private CandidateArbitraries() {}

    /** Distinct texts, 0 to 7 candidates, at most one teacher. */
    static Arbitrary<List<Scored>> distinctCandidates() {
        Arbitrary<List<String>> texts = Arbitraries.strings().withChars("ab ").ofMinLength(1).ofMaxLength(11)
                .list().ofMaxSize(7).uniqueElements();
        Arbitrary<List<String>> sized = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(List.<String>of())),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("ab ").ofMinLength(1).ofMaxLength(6)
                        .map(List::of)),
                net.jqwik.api.Tuple.of(8, texts));
        return Combinators.combine(sized, Arbitraries.of(RUBRIC_SCORES).list().ofSize(7),
                        Arbitraries.integers().between(-1, 6))
                .as(CandidateArbitraries::assemble);
    }

    /** Like {@link #distinctCandidates()} but texts may repeat, with different scores and origins. */
    static Arbitrary<List<Scored>> candidatesWithRepeats() {
        Arbitrary<List<String>> texts = Arbitraries.of("a", "b", "ab", "ba").list().ofMaxSize(7);
        return Combinators.combine(texts, Arbitraries.of(RUBRIC_SCORES).list().ofSize(7),
                        Arbitraries.integers().between(-1, 6))
                .as(CandidateArbitraries::assemble);
    }

    private static List<Scored> assemble(List<String> texts, List<Double> scores, int teacherIndex) {
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Response r = i == teacherIndex ? Response.teacher(PROMPT.id(), texts.get(i))
                    : Response.student(PROMPT.id(), texts.get(i));
            out.add(Scored.of(r, scores.get(i)));
        }
        return out;
    }

    /** A label for coverage statistics. */
    static String shape(List<Scored> candidates) {
        if (candidates.isEmpty()) {
            return "empty";
        }
        if (candidates.size() == 1) {
            return "single";
        }
        long distinctScores = candidates.stream().mapToDouble(Scored::score).distinct().count();
        return distinctScores < candidates.size() ? "ties" : "all scores differ";
    }
}
