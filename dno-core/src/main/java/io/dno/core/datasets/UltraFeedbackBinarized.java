package io.dno.core.datasets;

import io.dno.core.tokenize.ChatMessage;
import java.nio.file.Path;
import java.util.List;

/**
 * HuggingFaceH4/ultrafeedback_binarized ({@code train_prefs}/{@code test_prefs}): {@code prompt}, {@code chosen}
 * and {@code rejected} as message lists (the prompt's user turn followed by the answer), {@code score_chosen},
 * {@code score_rejected}; {@code prompt_id} and {@code messages} are ignored. The margin is the score gap;
 * {@code minMargin} keeps only pairs whose gap is at least that (0 keeps all, ties included).
 */
public final class UltraFeedbackBinarized {

    private UltraFeedbackBinarized() {}

    public static DatasetRead<ChatPreference> read(Path file, double minMargin) {
        return DatasetLines.read(file, line -> {
            String promptText = line.text("prompt");
            List<ChatMessage> chosen = line.messages("chosen");
            List<ChatMessage> rejected = line.messages("rejected");
            double margin = line.number("score_chosen") - line.number("score_rejected");
            if (margin < 0) {
                throw line.error("score_chosen", "is below score_rejected (" + margin + "): the file is not binarized"
                        + " preferences");
            }
            ChatMessage chosenAnswer = lastAssistant(line, "chosen", chosen);
            ChatMessage rejectedAnswer = lastAssistant(line, "rejected", rejected);
            List<ChatMessage> prompt = chosen.subList(0, chosen.size() - 1);
            if (!prompt.equals(rejected.subList(0, rejected.size() - 1))) {
                throw new DatasetLines.Skip("chosen and rejected answer different conversations");
            }
            if (prompt.isEmpty() || !prompt.get(prompt.size() - 1).role().equals("user")) {
                prompt = List.of(ChatMessage.user(promptText));
            }
            if (margin < minMargin) {
                throw new DatasetLines.Skip("score margin below " + minMargin);
            }
            if (chosenAnswer.content().equals(rejectedAnswer.content())) {
                throw new DatasetLines.Skip("identical answers");
            }
            return new ChatPreference(DatasetLines.id("ultrafeedback", line), prompt, chosenAnswer.content(),
                    rejectedAnswer.content(), margin);
        });
    }

    private static ChatMessage lastAssistant(JsonFields line, String field, List<ChatMessage> messages) {
        ChatMessage last = messages.get(messages.size() - 1);
        if (!last.role().equals("assistant")) {
            throw line.error(field + "[" + (messages.size() - 1) + "].role", "must be \"assistant\": the list ends with"
                    + " the answer, got \"" + last.role() + "\"");
        }
        return last;
    }
}
