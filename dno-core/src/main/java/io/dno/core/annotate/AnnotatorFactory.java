package io.dno.core.annotate;

import java.io.Serializable;

/**
 * Builds the run's annotator in another process (an executor of a distributed engine): a small serialisable
 * description, such as a run configuration's annotator spec, never the annotator itself. Each process builds one
 * and keeps it, so a judge client's concurrency bound, retries and cache are per process. Make it a record (or give
 * it {@code equals}): a process keeps one annotator per equal factory.
 */
public interface AnnotatorFactory extends Serializable {

    /**
     * A new annotator for the process named {@code process} (a file-name-safe id such as {@code executor-1}, for
     * annotators that keep per-process files such as a cache); close it when done if it is {@link AutoCloseable}.
     */
    Annotator create(String process);
}
