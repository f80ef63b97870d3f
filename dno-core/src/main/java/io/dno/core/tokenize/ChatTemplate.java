package io.dno.core.tokenize;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face chat template: the Jinja {@code chat_template} of {@code tokenizer_config.json}, rendered
 * with Jinjava the way {@code transformers}' {@code apply_chat_template} renders it with Jinja2
 * ({@code trim_blocks} and {@code lstrip_blocks} on; variables {@code messages} (a list of
 * {@code {"role", "content"}} maps), {@code add_generation_prompt}, {@code bos_token}, {@code eos_token};
 * the function {@code raise_exception(message)}). Thread-safe.
 */
public final class ChatTemplate {
    /** Longest rendered prompt accepted, in characters, so a runaway template cannot exhaust memory. */
    public static final long MAX_OUTPUT_CHARS = 16L << 20;

    private static final JinjavaConfig CONFIG = JinjavaConfig.newBuilder()
            .withTrimBlocks(true)
            .withLstripBlocks(true)
            .withLegacyOverrides(LegacyOverrides.newBuilder()
                    // Jinja2 semantics; whitespace inside {{...}} stays optional, as in HF's templates ({{'<|im_start|>'}})
                    .withEvaluateMapKeys(true)
                    .withIterateOverMapKeys(true)
                    .withUsePyishObjectMapper(true)
                    .withUseSnakeCasePropertyNaming(true)
                    .withUseNaturalOperatorPrecedence(true)
                    .withParseWhitespaceControlStrictly(true)
                    .withAllowAdjacentTextNodes(true)
                    .withUseTrimmingForNotesAndExpressions(true)
                    .withKeepNullableLoopValues(true)
                    .build())
            .withMaxOutputSize(MAX_OUTPUT_CHARS)
            .build();

    private final String template;
    private final String bosToken;
    private final String eosToken;
    private final Jinjava jinjava;

    private ChatTemplate(String template, String bosToken, String eosToken) {
        this.template = template;
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.jinjava = new Jinjava(CONFIG);
        jinjava.registerFunction(new ELFunctionDefinition("", "raise_exception", ChatTemplate.class, "raiseException",
                String.class));
    }

    /**
     * A template with the given special tokens.
     *
     * @param template the Jinja source, as in {@code tokenizer_config.json}'s {@code chat_template}
     * @param bosToken the value of {@code bos_token} (may be empty)
     * @param eosToken the value of {@code eos_token} (may be empty)
     */
    public static ChatTemplate of(String template, String bosToken, String eosToken) {
        checkArgument(template != null && !template.isBlank(), "chat template must be non-blank");
        checkNotNull(bosToken, "bosToken");
        checkNotNull(eosToken, "eosToken");
        return new ChatTemplate(template, bosToken, eosToken);
    }

    /**
     * Renders {@code messages} into the prompt text the model sees.
     *
     * @param addGenerationPrompt whether to end with the header that starts an assistant turn
     * @throws ChatTemplateException when the template raises an exception or cannot be rendered
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        checkNotNull(messages, "messages");
        List<Map<String, Object>> turns = new ArrayList<>();
        for (ChatMessage m : ImmutableList.copyOf(messages)) {
            Map<String, Object> turn = new LinkedHashMap<>();
            turn.put("role", m.role());
            turn.put("content", m.content());
            turns.add(turn);
        }
        Map<String, Object> context = new HashMap<>();
        context.put("messages", turns);
        context.put("add_generation_prompt", addGenerationPrompt);
        context.put("bos_token", bosToken);
        context.put("eos_token", eosToken);
        RenderResult result = jinjava.renderForResult(template, context);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw failure(error);
            }
        }
        return result.getOutput();
    }

    /** The Jinja source. */
    public String template() {
        return template;
    }

    /**
     * The template function {@code raise_exception(message)}: aborts rendering with {@code message}.
     * Public only so that Jinjava can call it.
     */
    public static String raiseException(String message) {
        throw new Raised(message);
    }

    private static ChatTemplateException failure(TemplateError error) {
        for (Throwable t = error.getException(); t != null; t = t.getCause()) {
            if (t instanceof Raised raised) {
                return new ChatTemplateException("the chat template rejected the conversation: " + raised.getMessage(), raised);
            }
        }
        return new ChatTemplateException("cannot render the chat template (line " + error.getLineno() + "): "
                + error.getMessage(), error.getException());
    }

    /** Thrown by {@code raise_exception} inside the template. */
    private static final class Raised extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Raised(String message) {
            super(message);
        }
    }
}
