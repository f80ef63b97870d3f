package io.dno.core.io;

import java.nio.file.Path;

/**
 * Bad content in an input file. The message starts with {@code file:line:} ({@code file:} alone, line 0, when the
 * problem is the file as a whole) and names the field where one is at fault, so a user can go straight to it.
 */
public final class DataFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    public DataFileException(Path file, long line, String message, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    public DataFileException(Path file, long line, String message) {
        this(file, line, message, null);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 for the file as a whole. */
    public long line() {
        return line;
    }
}
