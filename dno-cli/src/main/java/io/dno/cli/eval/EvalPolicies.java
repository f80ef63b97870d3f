package io.dno.cli.eval;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.Device;
import io.dno.core.model.PromptFormat;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.tokenize.ChatMessage;
import io.dno.core.tokenize.ChatTemplate;
import io.dno.core.tokenize.HfTokenizer;
import io.dno.core.tokenize.TokenizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loading a policy for {@code dno eval} with the prompt formats of run.yaml ({@code raw} or {@code chat}). */
final class EvalPolicies {
    private EvalPolicies() {}

    static TransformerPolicy load(Path dir, String promptFormat, Device device) {
        checkArgument(Files.isDirectory(dir), "%s is not a model directory (config.json, model.safetensors, "
                + "tokenizer.json)", dir);
        PromptFormat format = format(dir, promptFormat);
        return TransformerPolicy.load(dir, HfTokenizer.load(dir), TransformerPolicy.Options.defaults()
                .withPromptFormat(format), device);
    }

    /** {@code raw}: the text as is; {@code chat}: one user turn through the tokenizer's chat template (BOS left out: the policy prepends it). */
    static PromptFormat format(Path dir, String promptFormat) {
        checkArgument(promptFormat.equals("raw") || promptFormat.equals("chat"),
                "--prompt-format must be 'raw' or 'chat', got '%s'", promptFormat);
        if (promptFormat.equals("raw")) {
            return PromptFormat.identity();
        }
        TokenizerConfig tc = TokenizerConfig.read(dir.resolve(TokenizerConfig.FILE_NAME));
        checkArgument(tc.chatTemplate().isPresent(), "--prompt-format chat: %s has no chat_template",
                dir.resolve(TokenizerConfig.FILE_NAME));
        ChatTemplate template = ChatTemplate.of(tc.chatTemplate().get(), "", tc.eosToken().orElse(""));
        return text -> template.render(List.of(ChatMessage.user(text)), true);
    }
}
