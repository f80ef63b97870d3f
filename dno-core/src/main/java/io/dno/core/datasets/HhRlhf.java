package io.dno.core.datasets;

import io.dno.core.tokenize.ChatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Anthropic HH-RLHF (Bai et al. 2022), as in its {@code helpful-base}/{@code harmless-base} JSONL files: one
 * {@code {"chosen": transcript, "rejected": transcript}} per line, each transcript a whole multi-turn dialogue
 * {@code "\n\nHuman: ...\n\nAssistant: ...\n\nHuman: ...\n\nAssistant: ..."}. The two transcripts share every turn
 * but the last assistant answer: the shared turns are the prompt, the diverging final turns chosen and rejected
 * (the split Thakkar et al. 2024 train SFT and DPO on).
 */
public final class HhRlhf {
    private static final Pattern TURN = Pattern.compile("\n\n(Human|Assistant):");

    private HhRlhf() {}

    public static DatasetRead<ChatPreference> read(Path file) {
        return DatasetLines.read(file, line -> {
            List<ChatMessage> chosen = transcript(line, "chosen");
            List<ChatMessage> rejected = transcript(line, "rejected");
            int n = chosen.size();
            if (n != rejected.size() || !chosen.subList(0, n - 1).equals(rejected.subList(0, n - 1))) {
                throw new DatasetLines.Skip("the transcripts differ before their final assistant turn");
            }
            String chosenAnswer = chosen.get(n - 1).content();
            String rejectedAnswer = rejected.get(n - 1).content();
            if (chosenAnswer.equals(rejectedAnswer)) {
                throw new DatasetLines.Skip("identical answers");
            }
            return new ChatPreference(DatasetLines.id("hh-rlhf", line), chosen.subList(0, n - 1), chosenAnswer,
                    rejectedAnswer, 0);
        });
    }

    /**
     * Splits an HH-RLHF transcript into user/assistant messages (text trimmed). It must start with a Human turn
     * and end with an Assistant turn.
     */
    public static List<ChatMessage> parseTranscript(String text) {
        List<ChatMessage> turns = new ArrayList<>();
        String t = text.startsWith("Human:") ? "\n\n" + text : text;
        Matcher m = TURN.matcher(t);
        int contentStart = -1;
        String role = null;
        while (m.find()) {
            if (role == null && !t.substring(0, m.start()).isBlank()) {
                throw new IllegalArgumentException("text before the first \"\\n\\nHuman:\" turn");
            }
            if (role != null) {
                turns.add(new ChatMessage(role, t.substring(contentStart, m.start()).strip()));
            }
            role = m.group(1).equals("Human") ? "user" : "assistant";
            contentStart = m.end();
        }
        if (role == null) {
            throw new IllegalArgumentException("no \"\\n\\nHuman:\" / \"\\n\\nAssistant:\" turns: not an HH-RLHF transcript");
        }
        turns.add(new ChatMessage(role, t.substring(contentStart).strip()));
        if (!turns.get(0).role().equals("user")) {
            throw new IllegalArgumentException("the transcript must start with a Human turn");
        }
        if (!turns.get(turns.size() - 1).role().equals("assistant")) {
            throw new IllegalArgumentException("the transcript must end with an Assistant turn");
        }
        return turns;
    }

    private static List<ChatMessage> transcript(JsonFields line, String field) {
        try {
            return parseTranscript(line.text(field));
        } catch (IllegalArgumentException e) {
            throw line.error(field, e.getMessage());
        }
    }
}
