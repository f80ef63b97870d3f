package io.dno.spark;

import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.AnnotatorFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * The annotators an executor JVM holds, one per factory, built on first use and kept for the JVM's life: the judge
 * client's concurrency bound, retries and cache are per executor. Tasks share them (annotators are thread-safe, as
 * the in-process engine's judging threads already require).
 */
final class ExecutorAnnotators {
    private static final Map<AnnotatorFactory, Annotator> HELD = new HashMap<>();

    private ExecutorAnnotators() {}

    static synchronized Annotator get(AnnotatorFactory factory) {
        return HELD.computeIfAbsent(factory, f -> f.create(ExecutorProcess.name()));
    }

    /** Closes every held annotator (local mode: when the engine's Spark context stops). */
    static synchronized void clear() {
        for (Annotator a : HELD.values()) {
            if (a instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // best effort: the annotators' work is written; a failing close loses nothing
                }
            }
        }
        HELD.clear();
    }
}
