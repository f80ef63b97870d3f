package io.dno.core.pairs;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SPIN's pairs (Chen et al. 2024, as re-implemented in Rosset et al. 2024 §5.2): the teacher's answer is
 * always the positive and every distinct student sample is a negative. Scores are not used; each pair's
 * margin is recorded as 0 and its target as 1 (SPIN's premise: the teacher always wins). A student sample identical to the teacher's answer is the teacher's answer and
 * gives no pair; a prompt without a teacher answer gives none.
 */
public final class SpinPairBuilder implements PairBuilder {

    SpinPairBuilder() {}

    @Override
    public List<PreferencePair> build(Prompt prompt, List<Scored> candidates, int iteration) {
        List<Candidate> pool = new ArrayList<>(CandidatePool.distinct(prompt, candidates, DefectDetector.none()));
        pool.sort(Comparator.comparing(Candidate::text));        // scores are not used, not even for order
        List<PreferencePair> pairs = new ArrayList<>();
        for (Candidate teacher : pool) {
            if (!teacher.isTeacher()) {
                continue;
            }
            for (Candidate student : pool) {
                if (student.isStudent()) {
                    pairs.add(PreferencePair.of(prompt, teacher.response(), student.response(), 0.0, iteration));
                }
            }
        }
        return pairs;
    }

    @Override
    public String name() {
        return "spin(teacher over every student sample)";
    }
}
