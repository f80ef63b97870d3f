package io.dno.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dno.core.io.Json;
import io.dno.core.policy.IterateLoader;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * REFERENCE on an executor: a chunk is whole batches of {@link ReferenceLogProbs#batches} (one JSON line per batch),
 * each scored as one forward pass in that order, so every pair gets the same number as in one process.
 */
final class ReferenceWork extends ChunkWork {
    private static final long serialVersionUID = 1L;
    private static final TypeReference<List<IndexedPair>> BATCH = new TypeReference<>() {};

    private final IterateLoader loader;
    private final String checkpoint;
    private final String hash;

    ReferenceWork(String parts, IterateLoader loader, Path checkpoint, String hash) {
        super(parts);
        this.loader = loader;
        this.checkpoint = checkpoint.toString();
        this.hash = hash;
    }

    @Override
    ChunkReport compute(Chunk chunk, PartsFolder folder) {
        List<List<IndexedPair>> batches = new ArrayList<>();
        try {
            for (String line : chunk.lines()) {
                batches.add(Json.mapper().readValue(line, BATCH));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("chunk " + chunk.index() + ": unreadable input: " + e.getMessage(), e);
        }
        try (ExecutorPolicies.Lease lease = ExecutorPolicies.lease(loader, Path.of(checkpoint), hash)) {
            long start = System.nanoTime();
            List<PairScores> lines = new ArrayList<>();
            for (List<IndexedPair> batch : batches) {
                List<TokenizedPair> pairs = batch.stream().map(IndexedPair::pair).toList();
                ReferenceLogProbs scores = lease.policy().logProbs(pairs, pairs.size());      // one forward pass
                for (int k = 0; k < batch.size(); k++) {
                    lines.add(new PairScores(batch.get(k).index(), scores.chosen()[k], scores.rejected()[k]));
                }
            }
            double compute = since(start);
            start = System.nanoTime();
            folder.write(chunk.index(), lines);
            return new ChunkReport(chunk.index(), false, ExecutorProcess.key(), lease.loadSeconds(), compute,
                    since(start), 0, java.util.Map.of(), java.util.Map.of());
        }
    }
}
