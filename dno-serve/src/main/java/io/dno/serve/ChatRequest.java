package io.dno.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.tokenize.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A checked {@code POST /v1/chat/completions} body. OpenAI's defaults: temperature 1, top_p 1, n 1.
 *
 * @param maxTokens   {@code max_completion_tokens} or {@code max_tokens}; empty: the server's default
 * @param topLogprobs alternatives per token when {@code logprobs} is true (0–20)
 */
record ChatRequest(String model, List<ChatMessage> messages, double temperature, double topP, int n,
                   Optional<Integer> maxTokens, List<String> stops, Optional<Long> seed, boolean stream,
                   boolean includeUsage, boolean logprobs, int topLogprobs) {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

    static ChatRequest parse(JsonNode root, int maxN) {
        String model = Fields.requiredString(root, "model");
        Fields.rejectUnsupported(root);
        List<ChatMessage> messages = messages(root);
        double temperature = Fields.number(root, "temperature", 0, 2).orElse(1.0);
        double topP = Fields.number(root, "top_p", 0, 1).orElse(1.0);
        if (topP == 0) {
            throw ApiError.invalid("top_p", "'top_p' must be in (0, 1], got 0");
        }
        int n = Fields.integer(root, "n", 1, maxN).orElse(1);
        Optional<Integer> maxTokens = Fields.integer(root, "max_completion_tokens", 1, Integer.MAX_VALUE);
        if (maxTokens.isEmpty()) {
            maxTokens = Fields.integer(root, "max_tokens", 1, Integer.MAX_VALUE);
        }
        boolean stream = Fields.bool(root, "stream").orElse(false);
        boolean includeUsage = false;
        if (!Fields.absent(root, "stream_options")) {
            JsonNode options = root.get("stream_options");
            if (!options.isObject()) {
                throw ApiError.invalid("stream_options", "'stream_options' must be an object");
            }
            includeUsage = Fields.bool(options, "include_usage").orElse(false);
        }
        boolean logprobs = Fields.bool(root, "logprobs").orElse(false);
        int top = Fields.integer(root, "top_logprobs", 0, 20).orElse(0);
        if (top > 0 && !logprobs) {
            throw ApiError.invalid("top_logprobs", "'top_logprobs' needs 'logprobs': true");
        }
        if (stream && logprobs) {
            throw ApiError.unsupported("logprobs", "'logprobs' with 'stream' is not supported; drop one of them");
        }
        return new ChatRequest(model, messages, temperature, topP, n, maxTokens, Fields.stops(root),
                Fields.longValue(root, "seed"), stream, includeUsage, logprobs, top);
    }

    private static List<ChatMessage> messages(JsonNode root) {
        if (Fields.absent(root, "messages")) {
            throw ApiError.invalid("messages", "'messages' is required: a non-empty array of {role, content}");
        }
        JsonNode array = root.get("messages");
        if (!array.isArray() || array.isEmpty()) {
            throw ApiError.invalid("messages", "'messages' must be a non-empty array of {role, content}");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode m = array.get(i);
            String where = "messages[" + i + "]";
            if (!m.isObject()) {
                throw ApiError.invalid(where, "'" + where + "' must be an object with role and content");
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
                throw ApiError.invalid(where + ".role", "'" + where + ".role' must be one of " + ROLES + ", got " + role);
            }
            out.add(new ChatMessage(role.asText().equals("developer") ? "system" : role.asText(), content(m, where)));
        }
        return out;
    }

    /** A string, or an array of {@code {"type": "text", "text": ...}} parts joined together. */
    private static String content(JsonNode m, String where) {
        JsonNode c = m.get("content");
        if (c != null && c.isTextual()) {
            return c.asText();
        }
        if (c != null && c.isArray()) {
            StringBuilder s = new StringBuilder();
            for (JsonNode part : c) {
                if (!part.isObject() || !"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw ApiError.unsupported(where + ".content", "only text content parts ({\"type\": \"text\", "
                            + "\"text\": ...}) are supported");
                }
                s.append(part.get("text").asText());
            }
            return s.toString();
        }
        throw ApiError.invalid(where + ".content", "'" + where + ".content' must be a string or an array of text parts, got "
                + (c == null ? "nothing" : Fields.kind(c)));
    }
}
