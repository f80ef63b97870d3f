package io.dno.serve;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One admitted request's work for the engine.
 *
 * @param key       its sampling settings; jobs with equal keys share a generation batch
 * @param rows      one per choice (prompts × n)
 * @param scores    whether to return per-token log-probs of prompt + generated tokens
 * @param topK      alternatives per position when scoring
 * @param result    completed with one {@link RowResult} per row, in order, or exceptionally
 */
record Job(SamplingKey key, List<Row> rows, boolean scores, int topK, CompletableFuture<List<RowResult>> result) {
    Job {
        rows = List.copyOf(rows);
    }

    static Job of(SamplingKey key, List<Row> rows, boolean scores, int topK) {
        return new Job(key, rows, scores, topK, new CompletableFuture<>());
    }
}
