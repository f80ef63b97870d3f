package io.dno.annotators.teacher;

/** A teacher could not answer a prompt (after its retries). Never carries credentials. */
public final class TeacherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TeacherException(String message, Throwable cause) {
        super(message, cause);
    }
}
