package io.dno.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A prompt with a response to imitate: the unit of supervised fine-tuning (loss on the response tokens
 * only, the prompt masked, as in the paper's "SFT on positives" baseline, Rosset et al. 2024 §5.2).
 *
 * @param prompt   the prompt
 * @param response the text to learn to produce; may be empty (the model then learns to stop at once)
 */
public record Demonstration(@JsonProperty(required = true) Prompt prompt,
                            @JsonProperty(required = true) String response) {

    public Demonstration {
        checkArgument(prompt != null, "field 'prompt' of a demonstration is missing");
        checkArgument(response != null, "field 'response' of the demonstration for prompt '%s' is missing", prompt.id());
    }

    public static Demonstration of(Prompt prompt, String response) {
        return new Demonstration(prompt, response);
    }
}
