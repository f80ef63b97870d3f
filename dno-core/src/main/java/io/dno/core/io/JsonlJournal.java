package io.dno.core.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only JSON Lines journal that survives being killed at any instant: each record is written as one
 * line and forced to disk before {@link #append} returns. On open, a torn last line (the process died in the
 * middle of writing it) is cut off with a warning; a corrupt line before the last is an error naming the
 * file and line, never silently dropped.
 *
 * <p>Used where work is expensive and must never be redone after a crash, such as the judge's annotations.
 * Thread-safe.
 */
public final class JsonlJournal<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JsonlJournal.class);

    private final Path file;
    private final List<T> recovered;
    private final FileChannel channel;

    private JsonlJournal(Path file, List<T> recovered, FileChannel channel) {
        this.file = file;
        this.recovered = recovered;
        this.channel = channel;
    }

    /** Opens (creating if missing) the journal at {@code file}, recovering its complete records. */
    public static <T> JsonlJournal<T> open(Path file, Class<T> type) {
        checkArgument(file != null && type != null, "file and type are required");
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (Files.exists(file)) {
                cutTornTail(file);
            }
            List<T> recovered = Files.exists(file) ? Jsonl.read(file, type) : List.of();
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return new JsonlJournal<>(file, List.copyOf(recovered), channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** The complete records found when the journal was opened, in order. */
    public List<T> recovered() {
        return recovered;
    }

    /** Appends one record and forces it to disk. */
    public synchronized void append(T value) {
        byte[] line = (Jsonl.toLine(value) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to journal " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Truncates the bytes after the last newline: the remains of a write the process did not finish. */
    private static void cutTornTail(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                log.warn("{}: dropping a torn last line of {} bytes (the process stopped while writing it)", file,
                        size - keep);
                ch.truncate(keep);
                ch.force(true);
            }
        }
    }
}
