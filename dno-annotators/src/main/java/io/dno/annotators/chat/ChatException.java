package io.dno.annotators.chat;

/** No reply could be obtained from a chat model. Messages never contain credentials. */
public final class ChatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ChatException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChatException(String message) {
        super(message);
    }
}
