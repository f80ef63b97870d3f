package io.dno.core.pairs;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Scored;
import io.dno.core.data.ScoredPrompt;
import java.util.List;

/**
 * Turns the scored candidates of one prompt into preference pairs (Rosset et al. 2024, Algorithm 2,
 * lines 5-6: rank, then keep large-margin pairs).
 *
 * <p>Implementations are pure and deterministic: the same prompt and the same <em>set</em> of candidates
 * give the same pairs in the same order, whatever order the candidates come in. They are thread-safe.
 * Every candidate must answer {@code prompt}; anything else is an {@link IllegalArgumentException}.
 */
public interface PairBuilder {

    /**
     * @param prompt     the prompt all candidates answer
     * @param candidates its scored candidates (students and teacher), possibly empty
     * @param iteration  the iteration the candidates were sampled for; recorded in every pair
     * @return the admitted pairs, in a deterministic order
     */
    List<PreferencePair> build(Prompt prompt, List<Scored> candidates, int iteration);

    /** Same as {@code build(scored.prompt(), scored.candidates(), iteration)}. */
    default List<PreferencePair> build(ScoredPrompt scored, int iteration) {
        return build(scored.prompt(), scored.candidates(), iteration);
    }

    /** The rule and its thresholds, for logs and provenance, e.g. {@code dno(positive>=5, margin>=2, student margin>=1)}. */
    String name();
}
