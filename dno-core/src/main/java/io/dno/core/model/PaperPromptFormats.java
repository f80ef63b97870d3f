package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.tokenize.ChatMessage;
import java.util.List;

/**
 * The two prompt templates of Thakkar et al. 2024 (arXiv 2406.04879, §3), applied to HH-RLHF and BeaverTails:
 * <ul>
 *   <li>Vicuna: {@code A chat between a curious user and an artificial intelligence assistant. The assistant
 *       gives helpful, detailed, and polite answers to the user's questions. USER: {prompt} ASSISTANT: {response}</s>}</li>
 *   <li>Mistral: {@code [INST] {prompt} [/INST] {response} </s>}</li>
 * </ul>
 * The formats end where the response starts ({@code "... ASSISTANT: "}, {@code "[INST] ... [/INST] "}); the
 * response is appended and the tokenizer's end-of-sequence token {@code </s>} closes it. Multi-turn prompts
 * (HH-RLHF) repeat the pattern per turn, earlier answers closed by {@code </s>}, as FastChat's
 * {@code vicuna_v1.1} and Mistral's instruct template do.
 */
public final class PaperPromptFormats {
    public static final String VICUNA_SYSTEM = "A chat between a curious user and an artificial intelligence"
            + " assistant. The assistant gives helpful, detailed, and polite answers to the user's questions.";

    /** Vicuna, one user turn. */
    public static final PromptFormat VICUNA = prompt -> VICUNA_SYSTEM + " USER: " + prompt + " ASSISTANT: ";

    /** Mistral, one user turn. */
    public static final PromptFormat MISTRAL = prompt -> "[INST] " + prompt + " [/INST] ";

    private PaperPromptFormats() {}

    /** Vicuna over a conversation that alternates user and assistant turns and ends with a user turn. */
    public static String vicuna(List<ChatMessage> conversation) {
        StringBuilder s = new StringBuilder(VICUNA_SYSTEM);
        for (ChatMessage m : checked(conversation)) {
            if (m.role().equals("user")) {
                s.append(" USER: ").append(m.content()).append(" ASSISTANT: ");
            } else {
                s.append(m.content()).append("</s>");
            }
        }
        return s.toString();
    }

    /** Mistral over a conversation that alternates user and assistant turns and ends with a user turn. */
    public static String mistral(List<ChatMessage> conversation) {
        StringBuilder s = new StringBuilder();
        for (ChatMessage m : checked(conversation)) {
            if (m.role().equals("user")) {
                s.append("[INST] ").append(m.content()).append(" [/INST] ");
            } else {
                s.append(m.content()).append(" </s>");
            }
        }
        return s.toString();
    }

    private static List<ChatMessage> checked(List<ChatMessage> conversation) {
        checkArgument(!conversation.isEmpty(), "empty conversation");
        for (int i = 0; i < conversation.size(); i++) {
            String expected = i % 2 == 0 ? "user" : "assistant";
            checkArgument(conversation.get(i).role().equals(expected),
                    "turn %s is %s; these templates need user and assistant turns alternating from a user turn"
                            + " (no system turn)", i, conversation.get(i).role(), expected);
        }
        checkArgument(conversation.size() % 2 == 1, "the conversation must end with a user turn");
        return conversation;
    }
}
