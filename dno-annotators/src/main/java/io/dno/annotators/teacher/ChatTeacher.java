package io.dno.annotators.teacher;

import io.dno.annotators.chat.ChatException;
import io.dno.annotators.chat.ChatModel;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.policy.Teacher;
import io.dno.core.tokenize.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A teacher that asks a chat model for each prompt's gold answer (the paper's GPT-4-Turbo output,
 * Rosset et al. 2024 §5.1), one request per prompt, in order. Wrap it in {@link StoredTeacher} so each
 * answer is paid for once.
 */
public final class ChatTeacher implements Teacher {
    private final ChatModel chat;
    private final Optional<String> systemPrompt;

    /**
     * @param chat         the model that answers
     * @param systemPrompt an optional system message sent before each prompt
     */
    public ChatTeacher(ChatModel chat, Optional<String> systemPrompt) {
        this.chat = chat;
        this.systemPrompt = systemPrompt;
    }

    public ChatModel chat() {
        return chat;
    }

    /** @throws TeacherException naming the prompt when the model gives no answer after its retries */
    @Override
    public List<Response> answer(List<Prompt> prompts) {
        List<Response> out = new ArrayList<>(prompts.size());
        for (Prompt p : prompts) {
            List<ChatMessage> messages = new ArrayList<>();
            systemPrompt.ifPresent(s -> messages.add(ChatMessage.system(s)));
            messages.add(ChatMessage.user(p.text()));
            try {
                out.add(Response.teacher(p.id(), chat.complete(messages)));
            } catch (ChatException e) {
                throw new TeacherException("the teacher " + chat.name() + " could not answer prompt '" + p.id()
                        + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ChatTeacher[" + chat.name() + "]";
    }
}
