package io.dno.core.eval;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * One multiple-choice question, a line of the {@code dno eval mc} JSONL.
 *
 * @param context the question as the model sees it, e.g. {@code "Question: ...\nAnswer:"}
 * @param choices the candidate answers (at least two)
 * @param gold    the index of the correct choice
 */
public record MultipleChoiceItem(@JsonProperty(value = "context", required = true) String context,
                                 @JsonProperty(value = "choices", required = true) List<String> choices,
                                 @JsonProperty(value = "gold", required = true) int gold) {
    public MultipleChoiceItem {
        checkArgument(context != null, "context must be a string");
        checkArgument(choices != null && choices.size() >= 2, "choices must hold at least two answers, got %s", choices);
        choices = ImmutableList.copyOf(choices);
        checkArgument(gold >= 0 && gold < choices.size(), "gold must index choices [0, %s), got %s", choices.size(), gold);
        for (String c : choices) {
            checkArgument(!c.isEmpty(), "choices must be non-empty strings");
        }
    }
}
