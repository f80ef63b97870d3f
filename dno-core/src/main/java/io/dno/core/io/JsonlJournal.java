package io.dno.core.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.io.ByteArrayOutputStream;
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
 * An append-only JSON Lines journal that survives being killed at any instant: each append is one write of
 * whole lines, forced to disk before {@link #append} returns. The file (and its directory) is created by the
 * first append.
 *
 * <p>Opening tolerates exactly one kind of damage, the one a crash mid-append leaves: a last line without its
 * newline. If that line parses as a record it is kept and the newline added; if not (a torn write, possibly
 * cut inside a multi-byte character) it is cut off with a warning. Any other bad line is a
 * {@link DataFileException} naming the file and line, never silently dropped: it means the file was edited or
 * corrupted.
 *
 * <p>Used where work is expensive and must never be redone after a crash: the judge's annotations, the
 * annotator cache, the teacher's answers. Thread-safe.
 */
public final class JsonlJournal<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JsonlJournal.class);

    private final Path file;
    private final List<T> recovered;
    private boolean closed;

    private JsonlJournal(Path file, List<T> recovered) {
        this.file = file;
        this.recovered = recovered;
    }

    /** Opens the journal at {@code file} (none yet if it is missing), recovering its complete records. */
    public static <T> JsonlJournal<T> open(Path file, Class<T> type) {
        checkArgument(file != null && type != null, "file and type are required");
        if (!Files.exists(file)) {
            return new JsonlJournal<>(file, List.of());
        }
        try {
            repairTail(file, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
        return new JsonlJournal<>(file, List.copyOf(Jsonl.read(file, type)));
    }

    /** The complete records found when the journal was opened, in order. */
    public List<T> recovered() {
        return recovered;
    }

    /** Appends one record and forces it to disk. */
    public void append(T value) {
        appendAll(List.of(value));
    }

    /** Appends {@code values}, one line each, in one write, and forces them to disk; nothing when empty. */
    public synchronized void appendAll(List<? extends T> values) {
        checkState(!closed, "journal %s is closed", file);
        if (values.isEmpty()) {
            return;
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (T value : values) {
            lines.writeBytes(Jsonl.toLine(value).getBytes(StandardCharsets.UTF_8));
            lines.write('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to journal " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Further appends fail; every append is already on disk. */
    @Override
    public synchronized void close() {
        closed = true;
    }

    /** Keeps a last line that only lacks its newline (adding it); cuts one that does not parse: a torn write. */
    private static <T> void repairTail(Path file, Class<T> type) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0 || byteAt(ch, size - 1) == '\n') {
                return;
            }
            long start = startOfLastLine(ch, size);
            ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(size - start));
            while (tail.hasRemaining() && ch.read(tail, start + tail.position()) >= 0) {
                // read the whole last line
            }
            if (parses(tail.array(), type)) {
                ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
                log.warn("{}: the last line had no newline (interrupted write); kept it and added the newline", file);
            } else {
                ch.truncate(start);
                log.warn("{}: dropping a torn last line of {} bytes (the process stopped while writing it)", file,
                        size - start);
            }
            ch.force(true);
        }
    }

    /** Whether {@code line} is one whole record; bytes cut inside a multi-byte character are not. */
    private static <T> boolean parses(byte[] line, Class<T> type) {
        try {
            Json.mapper().readValue(line, type);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static byte byteAt(FileChannel ch, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, position);
        return one.get(0);
    }

    /** Offset just after the last newline before {@code size}, or 0. */
    private static long startOfLastLine(FileChannel ch, long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(1 << 16);
        long end = size;
        while (end > 0) {
            long from = Math.max(0, end - block.capacity());
            block.clear().limit((int) (end - from));
            while (block.hasRemaining() && ch.read(block, from + block.position()) >= 0) {
                // fill the block
            }
            for (int i = (int) (end - from) - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            end = from;
        }
        return 0;
    }
}
