package io.dno.annotators.store;

import io.dno.core.io.DataFileException;
import io.dno.core.io.Json;
import io.dno.core.io.Jsonl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON Lines file that only grows, for results that cost money and must survive a crash (judge scores,
 * teacher answers). Each append is one write of whole lines followed by an fsync before it returns.
 *
 * <p>Loading tolerates exactly one kind of damage, the one a crash mid-append leaves: a last line without
 * its newline. If that line parses it is kept and the newline added; if not it is dropped with a warning and
 * the file truncated to its last complete line. Any other bad line is a {@link DataFileException} naming
 * file and line, because it means the file was edited or corrupted and silently skipping it would lose data.
 */
public final class AppendOnlyJsonl {
    private static final Logger LOG = LoggerFactory.getLogger(AppendOnlyJsonl.class);

    private final Path file;

    public AppendOnlyJsonl(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Every record of the file (none if it does not exist), after repairing a torn last line. */
    public synchronized <T> List<T> load(Class<T> type) {
        if (!Files.exists(file)) {
            return List.of();
        }
        repairTail(type);
        List<T> out = new ArrayList<>();
        Jsonl.forEach(file, type, (line, value) -> out.add(value));
        return out;
    }

    /** Appends {@code records}, one compact JSON line each, in one write, and forces them to disk. */
    public synchronized void append(List<?> records) {
        if (records.isEmpty()) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object record : records) {
            bytes.writeBytes(Jsonl.toLine(record).getBytes(StandardCharsets.UTF_8));
            bytes.write('\n');
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file + ": " + e.getMessage(), e);
        }
    }

    private <T> void repairTail(Class<T> type) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size == 0 || lastByte(channel, size) == '\n') {
                return;
            }
            long start = startOfLastLine(channel, size);
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - start));
            channel.read(tail, start);
            String text = StandardCharsets.UTF_8.newDecoder().decode(tail.flip()).toString();
            if (parses(text, type)) {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
                LOG.warn("{}: the last line had no newline (interrupted write); kept it and added the newline", file);
            } else {
                channel.truncate(start);
                LOG.warn("{}: dropped a torn last line of {} bytes (interrupted write); the file now ends at its "
                        + "last complete line", file, size - start);
            }
            channel.force(true);
        } catch (java.nio.charset.CharacterCodingException e) {
            truncateTorn();
        } catch (IOException e) {
            throw new UncheckedIOException("could not repair " + file + ": " + e.getMessage(), e);
        }
    }

    /** A tail cut inside a multi-byte character: not valid UTF-8, so certainly torn. */
    private void truncateTorn() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = startOfLastLine(channel, size);
            channel.truncate(start);
            channel.force(true);
            LOG.warn("{}: dropped a torn last line of {} bytes (interrupted write)", file, size - start);
        } catch (IOException e) {
            throw new UncheckedIOException("could not repair " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T> boolean parses(String text, Class<T> type) {
        try {
            Json.mapper().readValue(text, type);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static byte lastByte(FileChannel channel, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, size - 1);
        return one.get(0);
    }

    /** Offset just after the last newline before {@code size}, or 0. */
    private static long startOfLastLine(FileChannel channel, long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(1 << 16);
        long end = size;
        while (end > 0) {
            long from = Math.max(0, end - block.capacity());
            block.clear().limit((int) (end - from));
            channel.read(block, from);
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
