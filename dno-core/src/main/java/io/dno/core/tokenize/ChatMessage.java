package io.dno.core.tokenize;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One turn of a conversation as chat templates see it: {@code {"role": ..., "content": ...}}.
 *
 * @param role    {@code system}, {@code user} or {@code assistant} in most templates; non-blank
 * @param content the text of the turn; may be empty
 */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        checkArgument(role != null && !role.isBlank(), "a chat message needs a non-blank role");
        checkArgument(content != null, "content of the %s message must not be null", role);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
