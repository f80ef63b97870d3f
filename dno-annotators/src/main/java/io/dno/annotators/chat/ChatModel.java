package io.dno.annotators.chat;

import io.dno.core.tokenize.ChatMessage;
import java.util.List;
import java.util.Map;

/** Something that answers a conversation with one assistant message: a chat endpoint or a local policy. */
public interface ChatModel {

    /**
     * The assistant's reply to {@code messages}.
     *
     * @throws ChatException when no reply could be obtained (after any retries the model makes itself)
     */
    String complete(List<ChatMessage> messages) throws ChatException;

    /** The model and the settings that change its answers, e.g. {@code openai(model=gpt-4-turbo, temperature=0.0)}. */
    String name();

    /** Cumulative counters (requests, retries, failures, ...); none by default. */
    default Map<String, Double> counters() {
        return Map.of();
    }
}
