package io.dno.core.pairs;

import static io.dno.core.pairs.CandidateArbitraries.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Scored;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** SPIN (Chen et al. 2024, as run in Rosset et al. 2024 §5.2): teacher over every distinct student sample. */
class SpinPairBuilderProperties implements PairBuilderContract {

    @Override
    public PairBuilder subject() {
        return PairBuilders.spin();
    }

    @Override
    public boolean scoresUnused() {
        return true;
    }

    @Property
    void exactlyOnePairPerDistinctStudentSample(@ForAll("candidatesWithRepeats") List<Scored> candidates) {
        Set<String> teacherTexts = candidates.stream().filter(c -> c.response().isTeacher()).map(Scored::text)
                .collect(Collectors.toSet());
        long distinctStudents = candidates.stream().filter(c -> c.response().isStudent()).map(Scored::text)
                .filter(t -> !teacherTexts.contains(t)).distinct().count();
        List<PreferencePair> pairs = subject().build(PROMPT, candidates, 1);
        assertEquals(teacherTexts.isEmpty() ? 0 : distinctStudents, pairs.size());
        for (PreferencePair p : pairs) {
            assertTrue(p.chosen().isTeacher() && p.rejected().isStudent(), () -> "not teacher over student: " + p);
            assertEquals(0.0, p.margin());
        }
    }

    @Property
    void scoresDoNotMatter(@ForAll("candidates") List<Scored> candidates) {
        List<Scored> rescored = candidates.stream().map(c -> Scored.of(c.response(), 6 - c.score())).toList();
        assertEquals(subject().build(PROMPT, candidates, 1), subject().build(PROMPT, rescored, 1));
    }
}
