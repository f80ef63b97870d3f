package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.policy.IterateLoader;
import io.dno.core.tokenize.ChatMessage;
import io.dno.core.tokenize.ChatTemplate;
import io.dno.core.tokenize.HfTokenizer;
import io.dno.core.tokenize.TokenizerConfig;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a {@link TransformerPolicy} comes from and how it reads prompts: a checkpoint directory in the Hugging Face
 * layout, the prompt format, stop strings and the device. A plain serialisable value, so whatever loads policies
 * (the run configuration, a policy teacher, the executors of a distributed engine) loads them the same way.
 *
 * @param checkpoint   the model directory (config.json, model.safetensors or shards, tokenizer.json)
 * @param promptFormat {@code raw}: the prompt text as it is; {@code chat}: the tokenizer's chat template with one
 *                     user turn and the generation prompt
 * @param stop         an answer ends before the first of these strings
 * @param device       {@code cpu}, {@code gpu} or {@code gpu:N}
 */
public record PolicySource(String checkpoint, String promptFormat, List<String> stop, String device)
        implements IterateLoader, Serializable {

    public PolicySource {
        checkArgument(checkpoint != null && !checkpoint.isBlank(), "checkpoint: give the model directory");
        promptFormat = promptFormat == null ? "raw" : promptFormat;
        checkArgument(promptFormat.equals("raw") || promptFormat.equals("chat"),
                "prompt_format must be 'raw' or 'chat', got '%s'", promptFormat);
        stop = stop == null ? List.of() : List.copyOf(stop);
        device = device == null ? "cpu" : device;
    }

    /** The model of {@code dir} read as plain text prompts on the CPU. */
    public static PolicySource of(Path dir) {
        return new PolicySource(dir.toString(), "raw", List.of(), "cpu");
    }

    /** Opens the policy; the caller closes it. */
    public TransformerPolicy load() {
        return open(Path.of(checkpoint));
    }

    /**
     * The iterate saved in {@code iterate} (a checkpoint the run wrote from this policy): its weights, with the
     * tokenizer, prompt format, stop strings and device of this source. The caller closes it.
     */
    @Override
    public TransformerPolicy open(Path iterate) {
        Path dir = Path.of(checkpoint);
        checkArgument(Files.isDirectory(dir), "%s does not exist or is not a directory: give a model directory in the "
                + "Hugging Face layout (config.json, model.safetensors, tokenizer.json)", dir);
        checkArgument(Files.isDirectory(iterate), "%s does not exist or is not a directory: an iterate is a model "
                + "directory every process of the run can read", iterate);
        HfTokenizer tokenizer = HfTokenizer.load(dir);
        PromptFormat format = PromptFormat.identity();
        if (promptFormat.equals("chat")) {
            TokenizerConfig tc = TokenizerConfig.read(dir.resolve(TokenizerConfig.FILE_NAME));
            checkArgument(tc.chatTemplate().isPresent(), "prompt_format 'chat': %s has no chat_template",
                    dir.resolve(TokenizerConfig.FILE_NAME));
            ChatTemplate template = ChatTemplate.of(tc.chatTemplate().get(), "", // the policy prepends BOS itself
                    tc.eosToken().orElse(""));
            format = text -> template.render(List.of(ChatMessage.user(text)), true);
        }
        return TransformerPolicy.load(iterate, tokenizer, TransformerPolicy.Options.defaults().withPromptFormat(format)
                .withStopStrings(stop), Devices.requireUsable(Devices.parse(device)));
    }
}
