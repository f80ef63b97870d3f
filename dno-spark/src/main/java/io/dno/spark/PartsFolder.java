package io.dno.spark;

import io.dno.core.io.AtomicFiles;
import io.dno.core.io.DataFileException;
import io.dno.core.io.Jsonl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One engine call's parts folder ({@code iter-N/STAGE-parts/}, named by {@link io.dno.core.loop.StepDirectory}): one
 * {@code part-XXXXX.jsonl} per chunk, written atomically, so a part that exists is complete; a chunk's judge journal
 * and lock file sit beside its part while it runs.
 */
record PartsFolder(Path dir) {

    static PartsFolder of(String dir) {
        return new PartsFolder(Path.of(dir));
    }

    Path part(int chunk) {
        return dir.resolve(String.format(Locale.ROOT, "part-%05d.jsonl", chunk));
    }

    Path journal(int chunk) {
        return dir.resolve(String.format(Locale.ROOT, "part-%05d.journal.jsonl", chunk));
    }

    Path lock(int chunk) {
        return dir.resolve(String.format(Locale.ROOT, "part-%05d.lock", chunk));
    }

    boolean isDone(int chunk) {
        return Files.isRegularFile(part(chunk));
    }

    /** The chunks of {@code 0..count-1} whose part is missing. */
    List<Integer> missing(int count) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!isDone(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Creates the folder and removes the temporary files of writers killed mid-write (no task runs now). */
    void prepare() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the parts folder " + dir + ": " + e.getMessage()
                    + "; the run directory must be writable from the driver and every executor", e);
        }
        AtomicFiles.removeStaleTemporaries(dir);
    }

    /** Atomically writes chunk {@code chunk}'s part. */
    void write(int chunk, List<?> lines) {
        Jsonl.write(part(chunk), lines);
    }

    /** Chunk {@code chunk}'s part, checked to hold {@code expected} lines. */
    <T> List<T> read(int chunk, Class<T> type, int expected) {
        Path file = part(chunk);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing after its Spark job finished: a task reported it "
                    + "written, so the executors write to another file system than the driver reads; give a run "
                    + "directory on a file system every executor and the driver share");
        }
        List<T> values = Jsonl.read(file, type);
        if (values.size() != expected) {
            throw new DataFileException(file, 0, "holds " + values.size() + " lines but its chunk has " + expected
                    + ": it belongs to another run; delete " + dir + " to recompute the stage");
        }
        return values;
    }
}
