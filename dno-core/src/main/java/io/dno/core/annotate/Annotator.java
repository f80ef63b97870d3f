package io.dno.core.annotate;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import java.util.List;
import java.util.Map;

/**
 * Scores all candidates of one prompt in one call, as the paper's listwise GPT-4-Turbo judge does
 * (Rosset et al. 2024 §5.1: the 5 samples and the teacher answer side by side, each scored on the
 * additive 6-point rubric).
 *
 * <p>An implementation never guesses: a candidate whose score could not be obtained goes to
 * {@link Judgement#unannotated()}. Implementations must be thread-safe.
 */
public interface Annotator {

    /** Scores every candidate of {@code prompt}; each candidate appears once in the result, scored or not. */
    Judgement judge(Prompt prompt, List<Response> candidates);

    /** The annotator and its settings, for logs, caching keys and provenance. */
    String name();

    /**
     * Cumulative counters since this annotator was created, for the run report: for example requests,
     * retries, failures, cache hits, or position-swap agreements of a judge that scores twice. The loop
     * records the difference across each annotation stage. Keys are snake_case; the default has none.
     */
    default Map<String, Double> counters() {
        return Map.of();
    }
}
