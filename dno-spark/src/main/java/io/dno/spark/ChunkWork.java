package io.dno.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * A task's body: for each of its chunks, under the chunk's lock, skip it when its part exists (a retried or
 * speculative duplicate, a resumed stage), otherwise compute it and write its part atomically. Returns one small
 * {@link ChunkReport} per chunk; outputs travel only through the part files.
 */
abstract class ChunkWork implements FlatMapFunction<Iterator<Chunk>, ChunkReport> {
    private static final long serialVersionUID = 1L;

    /** The parts folder, as a path string (every executor reads the same path). */
    final String parts;

    ChunkWork(String parts) {
        this.parts = parts;
    }

    @Override
    public Iterator<ChunkReport> call(Iterator<Chunk> chunks) {
        PartsFolder folder = PartsFolder.of(parts);
        List<ChunkReport> out = new ArrayList<>();
        while (chunks.hasNext()) {
            Chunk chunk = chunks.next();
            try (ChunkLock lock = ChunkLock.acquire(folder.lock(chunk.index()))) {
                out.add(folder.isDone(chunk.index()) ? ChunkReport.skipped(chunk.index(), ExecutorProcess.key())
                        : compute(chunk, folder));
            }
        }
        return out.iterator();
    }

    /** Computes {@code chunk} and writes its part in {@code folder}. */
    abstract ChunkReport compute(Chunk chunk, PartsFolder folder);

    static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
