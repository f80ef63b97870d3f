package io.dno.core.model;

/**
 * Turns a prompt's text into the text the model sees, e.g. a chat template
 * ({@code <|user|>\n...\n<|assistant|>\n}). {@link #identity()} by default.
 */
@FunctionalInterface
public interface PromptFormat {

    String format(String promptText);

    static PromptFormat identity() {
        return text -> text;
    }
}
