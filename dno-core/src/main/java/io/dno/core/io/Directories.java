package io.dno.core.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks on input directories that report the cause first: a mistyped model path is "does not exist", not the
 * first file that could not be found inside it.
 */
public final class Directories {

    private Directories() {}

    /**
     * Throws unless {@code dir} is an existing directory.
     *
     * @param holds what the directory should be, for the message, e.g. "a model directory (config.json, ...)"
     * @throws DataFileException naming {@code dir}: "does not exist" or "is a file, not a directory", then {@code holds}
     */
    public static void requireExisting(Path dir, String holds) {
        if (!Files.exists(dir)) {
            throw new DataFileException(dir, 0, "does not exist; give " + holds);
        }
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dir, 0, "is a file, not a directory; give " + holds);
        }
    }
}
