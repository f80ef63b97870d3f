package io.dno.annotators;

import io.dno.annotators.chat.ApiKey;
import io.dno.annotators.chat.ChatEndpoint;
import io.dno.annotators.chat.ChatModel;
import io.dno.annotators.chat.OpenAiChatClient;
import io.dno.annotators.teacher.ChatTeacher;
import io.dno.annotators.teacher.StoredTeacher;
import io.dno.core.policy.Teacher;
import java.nio.file.Path;
import java.util.Optional;

/** Teachers: gold answers from a chat model, generated once per prompt and stored. */
public final class Teachers {

    private Teachers() {}

    /** Asks {@code chat} for each prompt's answer, with an optional system message. */
    public static ChatTeacher chat(ChatModel chat, Optional<String> systemPrompt) {
        return new ChatTeacher(chat, systemPrompt);
    }

    /** A teacher over an OpenAI-compatible endpoint whose answers are kept in {@code answersFile}. */
    public static StoredTeacher openAi(ChatEndpoint endpoint, ApiKey apiKey, Optional<String> systemPrompt,
                                       Path answersFile) {
        return stored(chat(new OpenAiChatClient(endpoint, apiKey), systemPrompt), answersFile, endpoint.concurrency());
    }

    /** {@code inner}'s answers kept in {@code answersFile}; missing ones asked {@code parallelism} at a time. */
    public static StoredTeacher stored(Teacher inner, Path answersFile, int parallelism) {
        return new StoredTeacher(inner, answersFile, parallelism);
    }
}
