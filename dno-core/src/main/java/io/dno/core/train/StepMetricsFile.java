package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.io.Jsonl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every step's metrics to a JSON Lines file ({@code train.jsonl}), one {@link StepMetrics} per line.
 * The file is rewritten atomically every {@code flushEvery} steps and on {@link #close()}, so a reader (or a
 * run killed mid-write) only ever sees complete lines.
 */
public final class StepMetricsFile implements TrainingListener, AutoCloseable {
    private final Path file;
    private final int flushEvery;
    private final List<StepMetrics> steps = new ArrayList<>();

    /** A file that already holds {@code earlier} steps (a training stage resumed from a saved state). */
    public StepMetricsFile(Path file, int flushEvery, List<StepMetrics> earlier) {
        this(file, flushEvery);
        steps.addAll(earlier);
    }

    public StepMetricsFile(Path file, int flushEvery) {
        checkArgument(file != null, "file must not be null");
        checkArgument(flushEvery >= 1, "flushEvery must be >= 1, got %s", flushEvery);
        this.file = file;
        this.flushEvery = flushEvery;
    }

    @Override
    public synchronized void onStep(StepMetrics metrics) {
        steps.add(metrics);
        if (steps.size() % flushEvery == 0) {
            flush();
        }
    }

    /** Atomically writes every step seen so far. */
    public synchronized void flush() {
        Jsonl.write(file, List.copyOf(steps));
    }

    @Override
    public void close() {
        flush();
    }
}
