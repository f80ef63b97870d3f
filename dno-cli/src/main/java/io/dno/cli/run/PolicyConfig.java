package io.dno.cli.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.model.PolicySource;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code policy} section: a model directory in the Hugging Face layout (config.json, model.safetensors,
 * tokenizer.json).
 *
 * @param checkpoint   the model directory
 * @param promptFormat {@code raw} (the prompt text as is, the default) or {@code chat} (the tokenizer's chat
 *                     template with one user turn and the generation prompt)
 * @param stop         stop strings: an answer ends before the first of them
 * @param lora         train a LoRA (or QLoRA) adapter instead of every weight; null: full fine-tuning
 * @param device       {@code cpu} (default), {@code gpu} or {@code gpu:N}; every tensor of the run lives there
 */
public record PolicyConfig(@JsonProperty(value = "checkpoint", required = true) String checkpoint,
                           @JsonProperty("prompt_format") String promptFormat,
                           @JsonProperty("stop") List<String> stop,
                           @JsonProperty("lora") AdapterConfig lora,
                           @JsonProperty("device") String device) {
    public PolicyConfig {
        checkArgument(checkpoint != null && !checkpoint.isBlank(), "policy.checkpoint: give the model directory");
        promptFormat = promptFormat == null ? "raw" : promptFormat;
        checkArgument(promptFormat.equals("raw") || promptFormat.equals("chat"),
                "policy.prompt_format must be 'raw' or 'chat', got '%s'", promptFormat);
        stop = stop == null ? List.of() : List.copyOf(stop);
        device = device == null ? "cpu" : device;
    }

    /** Where the policy comes from, with {@code checkpoint} resolved against {@code base}. */
    public PolicySource source(Path base) {
        return new PolicySource(base.resolve(checkpoint).toString(), promptFormat, stop, device);
    }
}
