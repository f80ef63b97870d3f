package io.dno.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A checked {@code POST /v1/completions} body. {@code prompt} is a string, an array of strings, an array of
 * token ids or an array of such arrays, as OpenAI's API allows. OpenAI's defaults: max_tokens 16, temperature 1.
 *
 * @param prompts  each a text or token ids
 * @param logprobs alternatives per token (0–20), empty when the request did not ask for log-probs
 */
record CompletionRequest(String model, List<PromptInput> prompts, int maxTokens, double temperature, double topP,
                         int n, List<String> stops, Optional<Long> seed, boolean stream, boolean echo,
                         Optional<Integer> logprobs) {

    /** One prompt: its text (as given, or decoded from ids) and, for id prompts, the ids. */
    record PromptInput(Optional<String> text, Optional<int[]> ids) {}

    static final int DEFAULT_MAX_TOKENS = 16;

    static CompletionRequest parse(JsonNode root, int maxN, int maxPrompts) {
        String model = Fields.requiredString(root, "model");
        Fields.rejectUnsupported(root);
        List<PromptInput> prompts = prompts(root, maxPrompts);
        int maxTokens = Fields.integer(root, "max_tokens", 0, Integer.MAX_VALUE).orElse(DEFAULT_MAX_TOKENS);
        double temperature = Fields.number(root, "temperature", 0, 2).orElse(1.0);
        double topP = Fields.number(root, "top_p", 0, 1).orElse(1.0);
        if (topP == 0) {
            throw ApiError.invalid("top_p", "'top_p' must be in (0, 1], got 0");
        }
        int n = Fields.integer(root, "n", 1, maxN).orElse(1);
        Optional<Integer> bestOf = Fields.integer(root, "best_of", 1, maxN);
        if (bestOf.isPresent() && bestOf.get() != n) {
            throw ApiError.unsupported("best_of", "'best_of' other than n is not supported");
        }
        boolean stream = Fields.bool(root, "stream").orElse(false);
        boolean echo = Fields.bool(root, "echo").orElse(false);
        Optional<Integer> logprobs = Fields.integer(root, "logprobs", 0, 20);
        if (stream && (echo || logprobs.isPresent())) {
            throw ApiError.unsupported("stream", "'stream' with 'echo' or 'logprobs' is not supported; drop one of them");
        }
        if (maxTokens == 0 && !echo) {
            throw ApiError.invalid("max_tokens", "'max_tokens' 0 generates nothing: it needs 'echo': true");
        }
        return new CompletionRequest(model, prompts, maxTokens, temperature, topP, n, Fields.stops(root),
                Fields.longValue(root, "seed"), stream, echo, logprobs);
    }

    private static List<PromptInput> prompts(JsonNode root, int maxPrompts) {
        if (Fields.absent(root, "prompt")) {
            throw ApiError.invalid("prompt", "'prompt' is required: a string, an array of strings, an array of token "
                    + "ids or an array of token-id arrays");
        }
        JsonNode p = root.get("prompt");
        List<PromptInput> out = new ArrayList<>();
        if (p.isTextual()) {
            out.add(new PromptInput(Optional.of(p.asText()), Optional.empty()));
        } else if (p.isArray() && !p.isEmpty() && p.get(0).isIntegralNumber()) {
            out.add(new PromptInput(Optional.empty(), Optional.of(ids(p, "prompt"))));
        } else if (p.isArray() && !p.isEmpty()) {
            for (int i = 0; i < p.size(); i++) {
                JsonNode e = p.get(i);
                if (e.isTextual()) {
                    out.add(new PromptInput(Optional.of(e.asText()), Optional.empty()));
                } else if (e.isArray()) {
                    out.add(new PromptInput(Optional.empty(), Optional.of(ids(e, "prompt[" + i + "]"))));
                } else {
                    throw ApiError.invalid("prompt", "'prompt[" + i + "]' must be a string or an array of token ids, got "
                            + Fields.kind(e));
                }
            }
        } else {
            throw ApiError.invalid("prompt", "'prompt' must be a string, an array of strings, an array of token ids or "
                    + "an array of token-id arrays (non-empty), got " + (p.isArray() ? "an empty array" : Fields.kind(p)));
        }
        if (out.size() > maxPrompts) {
            throw ApiError.invalid("prompt", "at most " + maxPrompts + " prompts per request, got " + out.size());
        }
        return out;
    }

    private static int[] ids(JsonNode array, String where) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode e = array.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt() || e.asInt() < 0) {
                throw ApiError.invalid("prompt", "'" + where + "[" + i + "]' must be a non-negative token id, got " + e);
            }
            ids[i] = e.asInt();
        }
        return ids;
    }
}
