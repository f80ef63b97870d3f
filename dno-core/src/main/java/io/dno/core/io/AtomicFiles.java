package io.dno.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a part:
 * the bytes go to a temporary file beside the target, are forced to disk, and the temporary file is
 * renamed over the target in one atomic step. A failure leaves the target untouched.
 */
public final class AtomicFiles {

    /** Writes bytes to a stream; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Atomically replaces {@code target} with what {@code writer} writes. */
    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            move(temp, absolute);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed; the stray temporary file is harmless and named as such
                }
            }
        }
    }

    /** Fills a directory; may throw {@link IOException}. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void writeInto(Path directory) throws IOException;
    }

    /**
     * Atomically creates or replaces the directory {@code target} with what {@code writer} puts into a fresh
     * temporary directory beside it: every file is forced to disk, then the directory is renamed into place.
     * A replaced directory is deleted only after the new one is in place. Temporary directories left by a
     * killed process are named {@code .NAME.tmp-*} and removed by {@link #removeStaleTemporaries}.
     */
    public static void writeDirectory(Path target, DirectoryWriter writer) {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".tmp-");
            writer.writeInto(temp);
            try (var files = Files.walk(temp)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    try (FileChannel channel = FileChannel.open(f, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
            }
            Path old = null;
            if (Files.exists(absolute)) {
                old = parent.resolve("." + absolute.getFileName() + ".tmp-old-" + System.nanoTime());
                move(absolute, old);
            }
            move(temp, absolute);
            temp = null;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write directory " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    deleteTree(temp);
                } catch (IOException ignored) {
                    // the write already failed; the stray temporary directory is named as such
                }
            }
        }
    }

    /** Deletes the {@code .NAME.tmp*} files and directories a killed writer left in {@code dir}. */
    public static void removeStaleTemporaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && (name.contains(".tmp-") || name.endsWith(".tmp"))) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clean temporary files in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a file or a directory tree. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Atomically replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent()
                    + " cannot rename atomically; write the run to a local disk", e);
        }
    }
}
