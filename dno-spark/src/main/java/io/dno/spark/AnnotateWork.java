package io.dno.spark;

import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.AnnotatorFactory;
import io.dno.core.io.Json;
import io.dno.core.loop.Annotation;
import io.dno.core.loop.CandidateSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ANNOTATE on an executor: a chunk of candidate sets judged by the executor's annotator with the run's judging
 * threads, journaled per prompt beside the part ({@link Annotation}: an attempt killed mid-chunk leaves its
 * judgements to the next attempt, which does not ask the judge again), the part written when all are judged.
 */
final class AnnotateWork extends ChunkWork {
    private static final long serialVersionUID = 1L;

    private final AnnotatorFactory factory;
    private final int threads;

    AnnotateWork(String parts, AnnotatorFactory factory, int threads) {
        super(parts);
        this.factory = factory;
        this.threads = threads;
    }

    @Override
    ChunkReport compute(Chunk chunk, PartsFolder folder) {
        List<CandidateSet> sets = new ArrayList<>();
        try {
            for (String line : chunk.lines()) {
                sets.add(Json.mapper().readValue(line, CandidateSet.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("chunk " + chunk.index() + ": unreadable input: " + e.getMessage(), e);
        }
        long start = System.nanoTime();
        Annotator annotator = ExecutorAnnotators.get(factory);
        double load = since(start);
        Map<String, Double> before = new HashMap<>(annotator.counters());
        start = System.nanoTime();
        Annotation.run(annotator, sets, folder.journal(chunk.index()), folder.part(chunk.index()), threads);
        double compute = since(start);
        return new ChunkReport(chunk.index(), false, ExecutorProcess.key(), load, compute, 0, 0, before,
                new HashMap<>(annotator.counters()));
    }
}
