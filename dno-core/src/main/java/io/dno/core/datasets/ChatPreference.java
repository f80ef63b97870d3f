package io.dno.core.datasets;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Origin;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.tokenize.ChatMessage;
import java.util.List;
import java.util.function.Function;

/**
 * One comparison from a data set: a conversation that ends with a user turn, and two answers to it.
 *
 * @param id       unique within its file ({@code <dataset>:<line>})
 * @param prompt   the conversation so far, ending with a user message; multi-turn in HH-RLHF
 * @param chosen   the preferred final assistant answer
 * @param rejected the other answer; never the same text
 * @param margin   the score gap (chosen − rejected) where the data set has scores, else 0
 */
public record ChatPreference(String id, List<ChatMessage> prompt, String chosen, String rejected, double margin) {

    public ChatPreference {
        checkArgument(id != null && !id.isBlank(), "a preference needs an id");
        checkArgument(prompt != null && !prompt.isEmpty(), "preference %s has no prompt", id);
        checkArgument(prompt.get(prompt.size() - 1).role().equals("user"),
                "the prompt of preference %s must end with a user turn, not %s", id, prompt.get(prompt.size() - 1).role());
        checkArgument(chosen != null && rejected != null, "preference %s needs both answers", id);
        checkArgument(!chosen.equals(rejected), "preference %s has two identical answers", id);
        checkArgument(Double.isFinite(margin) && margin >= 0, "preference %s has margin %s; it must be >= 0", id, margin);
        prompt = List.copyOf(prompt);
    }

    /** dno's pair: the prompt rendered by {@code format} (e.g. {@link io.dno.core.model.PaperPromptFormats#vicuna}). */
    public PreferencePair toPair(Function<List<ChatMessage>, String> format) {
        Prompt p = Prompt.of(id, format.apply(prompt));
        return PreferencePair.of(p, new Response(id, chosen, Origin.DATASET), new Response(id, rejected, Origin.DATASET),
                margin, 0);
    }

    /** The chosen answer as a demonstration, for SFT on the preferred responses (Thakkar et al. 2024, §3). */
    public Demonstration toDemonstration(Function<List<ChatMessage>, String> format) {
        return Demonstration.of(Prompt.of(id, format.apply(prompt)), chosen);
    }
}
