package io.dno.core.pairs;

import static io.dno.core.pairs.CandidateArbitraries.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Positives for "SFT on positives" (Rosset et al. 2024 §5.2). */
class PositiveSelectorProperties {
    private static final DefectDetector DETECTOR = PairBuilders.repeatedNgrams();

    @Provide
    Arbitrary<List<Scored>> candidates() {
        return CandidateArbitraries.candidatesWithRepeats();
    }

    @Property
    void selectsExactlyTheDistinctEligibleNonDefectiveTexts(@ForAll("candidates") List<Scored> candidates,
                                                            @ForAll @IntRange(min = 0, max = 6) int threshold) {
        Set<String> expected = candidates.stream().map(Scored::text).distinct()
                .filter(t -> meanScore(candidates, t) >= threshold)
                .filter(t -> !(isStudentOnly(candidates, t) && DETECTOR.isDefective(t)))
                .collect(Collectors.toSet());
        List<Demonstration> selected = PairBuilders.positives(threshold, DETECTOR).select(PROMPT, candidates);
        assertEquals(expected, selected.stream().map(Demonstration::response).collect(Collectors.toSet()));
        assertEquals(selected.size(), expected.size(), "a text was selected twice");
        assertTrue(selected.stream().allMatch(d -> d.prompt().equals(PROMPT)));
    }

    @Property
    void orderOfCandidatesDoesNotMatter(@ForAll("candidates") List<Scored> candidates, @ForAll Random random) {
        List<Scored> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, random);
        assertEquals(PairBuilders.positives().select(PROMPT, candidates),
                PairBuilders.positives().select(PROMPT, shuffled));
    }

    private static double meanScore(List<Scored> candidates, String text) {
        return candidates.stream().filter(c -> c.text().equals(text)).mapToDouble(Scored::score).average().orElseThrow();
    }

    /** Identical texts merge to the teacher's copy when there is one; only student samples are checked for defects. */
    private static boolean isStudentOnly(List<Scored> candidates, String text) {
        return candidates.stream().filter(c -> c.text().equals(text)).allMatch(c -> c.response().isStudent());
    }
}
