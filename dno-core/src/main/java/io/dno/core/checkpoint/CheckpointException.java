package io.dno.core.checkpoint;

import java.nio.file.Path;

/**
 * A checkpoint file that cannot be read or written: malformed safetensors, an inconsistent shard index,
 * or an I/O failure. The message starts with the file and names the tensor at fault and the fix.
 */
public final class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CheckpointException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    public CheckpointException(Path file, String message) {
        this(file, message, null);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
