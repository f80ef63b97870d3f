package io.dno.core.loop;

import io.dno.core.annotate.Judgement;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an engine's annotation call returns: the judgements in the order of the candidate sets, and the annotator's
 * counters over the call (calls, retries, cache hits, ...; summed over executors by a distributed engine), which
 * ANNOTATE writes to {@code annotator.json}.
 */
public record Judged(List<Judgement> judgements, Map<String, Double> counters) {
    public Judged {
        judgements = List.copyOf(judgements);
        counters = Collections.unmodifiableMap(new TreeMap<>(counters));   // sorted, as annotator.json lists them
    }
}
