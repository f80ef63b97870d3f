package io.dno.core.pairs;

import static io.dno.core.pairs.CandidateArbitraries.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.PairKind;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Scored;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** DNO-Restrictive (Rosset et al. 2024 §5.2): only teacher-over-student pairs. */
class RestrictivePairBuilderProperties implements PairBuilderContract {

    @Override
    public PairBuilder subject() {
        return PairBuilders.dnoRestrictive();
    }

    @Override
    public double effectiveScore(List<Scored> candidates, String text, double meanScore) {
        return PairBuilderContract.defectsAtTheBottom(candidates, text, meanScore);
    }

    @Property
    void neverHasAStudentPositive(@ForAll("candidatesWithRepeats") List<Scored> candidates) {
        for (PreferencePair p : subject().build(PROMPT, candidates, 1)) {
            assertTrue(p.chosen().isTeacher(), () -> "student positive: " + p);
            assertEquals(PairKind.TEACHER_OVER_STUDENT, p.kind());
        }
    }

    @Property
    void everyPairHasTheTeacherMargin(@ForAll("candidates") List<Scored> candidates) {
        for (PreferencePair p : subject().build(PROMPT, candidates, 1)) {
            assertTrue(p.margin() >= 2, () -> "margin under 2: " + p);
        }
    }
}
