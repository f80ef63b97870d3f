package io.dno.core.datasets;

import io.dno.core.tokenize.ChatMessage;
import java.nio.file.Path;
import java.util.List;

/**
 * TRL's preference data set format, as its {@code DPOTrainer} reads it: {@code prompt}, {@code chosen},
 * {@code rejected}, either all strings (standard) or message lists (conversational: {@code prompt} the turns so
 * far, {@code chosen}/{@code rejected} the assistant answer as a one-message list). Without a {@code prompt}
 * (TRL's "implicit prompt"), chosen and rejected are whole conversations and their shared turns are the prompt.
 * An optional numeric {@code margin} is kept. Other fields are ignored.
 */
public final class TrlPreferences {

    private TrlPreferences() {}

    public static DatasetRead<ChatPreference> read(Path file) {
        return DatasetLines.read(file, line -> {
            boolean conversational = line.get("chosen").isArray();
            List<ChatMessage> prompt;
            String chosen;
            String rejected;
            if (!conversational) {
                chosen = line.text("chosen");
                rejected = line.text("rejected");
                prompt = List.of(ChatMessage.user(line.text("prompt")));
            } else {
                List<ChatMessage> c = line.messages("chosen");
                List<ChatMessage> r = line.messages("rejected");
                if (line.has("prompt")) {
                    prompt = line.messages("prompt");
                    chosen = single(line, "chosen", c);
                    rejected = single(line, "rejected", r);
                } else {
                    prompt = c.subList(0, c.size() - 1);
                    if (!prompt.equals(r.subList(0, r.size() - 1))) {
                        throw new DatasetLines.Skip("chosen and rejected answer different conversations");
                    }
                    chosen = answer(line, "chosen", c.get(c.size() - 1), c.size() - 1);
                    rejected = answer(line, "rejected", r.get(r.size() - 1), r.size() - 1);
                }
                if (prompt.isEmpty() || !prompt.get(prompt.size() - 1).role().equals("user")) {
                    throw line.error("prompt", "must end with a user message");
                }
            }
            double margin = line.has("margin") ? line.number("margin") : 0;
            if (margin < 0) {
                throw line.error("margin", "must be >= 0, got " + margin);
            }
            if (chosen.equals(rejected)) {
                throw new DatasetLines.Skip("identical answers");
            }
            return new ChatPreference(DatasetLines.id("trl", line), prompt, chosen, rejected, margin);
        });
    }

    private static String single(JsonFields line, String field, List<ChatMessage> messages) {
        if (messages.size() != 1) {
            throw line.error(field, "must hold exactly the assistant answer (one message) when a prompt is given, got "
                    + messages.size() + " messages");
        }
        return answer(line, field, messages.get(0), 0);
    }

    private static String answer(JsonFields line, String field, ChatMessage m, int index) {
        if (!m.role().equals("assistant")) {
            throw line.error(field + "[" + index + "].role", "must be \"assistant\", got \"" + m.role() + "\"");
        }
        return m.content();
    }
}
