package io.dno.core.merge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory built under a temporary name beside its target and renamed into place in one step when
 * complete, so a reader never sees half a model; on failure the temporary directory is deleted.
 */
final class OutputDirectory implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean committed;

    private OutputDirectory(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Starts building {@code target}, which must not exist or be an empty directory. */
    static OutputDirectory begin(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !isEmptyDirectory(absolute)) {
            throw new IllegalArgumentException(target + " already exists and is not empty; remove it or choose another "
                    + "output directory");
        }
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".");
            return new OutputDirectory(absolute, temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory beside " + target + ": " + e.getMessage(), e);
        }
    }

    /** Where to write the files while building. */
    Path path() {
        return temp;
    }

    /** Renames the finished directory to the target. */
    void commit() {
        try {
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked in begin()
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + temp + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the temporary directory unless it was committed. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try (Stream<Path> walk = Files.walk(temp)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // the merge already failed; a leftover dot-directory is named as temporary
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
