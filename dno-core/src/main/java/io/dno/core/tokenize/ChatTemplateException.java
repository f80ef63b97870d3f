package io.dno.core.tokenize;

/**
 * A chat template that cannot render the given conversation: it called {@code raise_exception} (for
 * example because roles do not alternate), or the template itself is broken.
 */
public final class ChatTemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChatTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
