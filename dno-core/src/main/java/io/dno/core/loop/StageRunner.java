package io.dno.core.loop;

import io.dno.core.RunListener;
import io.dno.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stages of one step: a stage whose artifact exists is skipped (so the same call resumes a killed run),
 * the wall time of one that runs is added to the step's {@code timings.json}, a distributed engine's parts of it
 * are removed once its artifact is written, and the listeners hear of both.
 */
public final class StageRunner {
    private static final Logger log = LoggerFactory.getLogger(StageRunner.class);

    private final StepDirectory step;
    private final List<RunListener> listeners;
    private final Map<String, Double> timings;

    public StageRunner(StepDirectory step, List<RunListener> listeners) {
        this.step = step;
        this.listeners = listeners;
        this.timings = Timings.read(step.timings());
    }

    public StepDirectory step() {
        return step;
    }

    /** Seconds per stage run in this process or an earlier one. */
    public Map<String, Double> timings() {
        return Map.copyOf(timings);
    }

    /** Runs {@code body} unless {@code stage}'s artifact exists; records its wall time. */
    public void run(Stage stage, Runnable body) {
        if (step.isComplete(stage)) {
            listeners.forEach(l -> l.onStageEnd(step.name(), stage, timings.getOrDefault(stage.label(), 0.0), true));
            return;
        }
        listeners.forEach(l -> l.onStageStart(step.name(), stage));
        long start = System.nanoTime();
        body.run();
        removeParts(stage);
        double seconds = (System.nanoTime() - start) / 1e9;
        timings.put(stage.label(), seconds);
        Timings.write(step.timings(), timings);
        log.info("{}: {} done in {} s", step.name(), stage.label(), String.format(Locale.ROOT, "%.1f", seconds));
        listeners.forEach(l -> l.onStageEnd(step.name(), stage, seconds, false));
    }

    /** A distributed engine's chunks of a finished stage: its artifact now holds them all. */
    private void removeParts(Stage stage) {
        for (Path parts : step.partsOf(stage)) {
            try {
                AtomicFiles.deleteTree(parts);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + parts + " after " + step.name() + "'s "
                        + stage.label() + " stage wrote its artifact: " + e.getMessage(), e);
            }
        }
    }
}
