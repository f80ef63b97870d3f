package io.dno.annotators.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.annotators.report.Counters;
import io.dno.core.io.Json;
import io.dno.core.tokenize.ChatMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client of an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp server, ...),
 * safe to share between threads.
 *
 * <p>Resilience: each request has a connect and a request timeout; timeouts, connection resets, malformed
 * replies, 408, 409, 429 and 5xx are retried up to {@link ChatEndpoint#retries()} times with exponential
 * back-off and jitter, waiting at least what a {@code Retry-After} header asks (seconds or HTTP-date, up to
 * the maximum back-off); other 4xx fail at once. At most {@link ChatEndpoint#concurrency()} requests are in
 * flight across all threads (a semaphore held only while a request is on the wire, not while backing off).
 *
 * <p>The API key goes only into the {@code Authorization} header: never into a log line, a name, an
 * exception message (server error bodies are redacted) or {@link #toString()}.
 *
 * <p>Counters: {@code requests} (HTTP attempts), {@code retries}, {@code failures} (calls that gave up),
 * {@code timeouts}, {@code connection_errors}, {@code http_429}, {@code http_5xx}, {@code http_4xx},
 * {@code malformed_responses}, {@code prompt_tokens} and {@code completion_tokens} (from {@code usage}).
 */
public final class OpenAiChatClient implements ChatModel {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final int BODY_SNIPPET = 300;

    private final ChatEndpoint endpoint;
    private final ApiKey apiKey;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final RetryClock clock;
    private final Counters counters = new Counters();

    public OpenAiChatClient(ChatEndpoint endpoint, ApiKey apiKey) {
        this(endpoint, apiKey, RetryClock.SYSTEM);
    }

    /** A client whose back-off waits and {@code Retry-After} dates go through {@code clock}. */
    public OpenAiChatClient(ChatEndpoint endpoint, ApiKey apiKey, RetryClock clock) {
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(endpoint.connectTimeout())
                .build();
        this.inFlight = new Semaphore(endpoint.concurrency(), true);
    }

    public ChatEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String complete(List<ChatMessage> messages) throws ChatException {
        byte[] body = requestBody(messages);
        Attempt last = null;
        for (int attempt = 0; attempt <= endpoint.retries(); attempt++) {
            if (attempt > 0) {
                counters.increment("retries");
                sleep(delayBeforeRetry(attempt, last.retryAfter()));
            }
            last = attemptOnce(body);
            if (last.content() != null) {
                return last.content();
            }
            if (!last.retryable()) {
                break;
            }
        }
        counters.increment("failures");
        throw new ChatException(last.error());
    }

    @Override
    public String name() {
        return "openai(model=" + endpoint.model() + ", temperature=" + endpoint.temperature()
                + ", max_tokens=" + endpoint.maxTokens() + ")";
    }

    @Override
    public Map<String, Double> counters() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return name() + " at " + where() + " with " + apiKey;
    }

    /** One HTTP exchange: the reply's content, or why there is none and whether trying again may help. */
    private record Attempt(String content, String error, boolean retryable, Optional<Duration> retryAfter) {
        static Attempt success(String content) {
            return new Attempt(content, null, false, Optional.empty());
        }

        static Attempt failure(String error, boolean retryable, Optional<Duration> retryAfter) {
            return new Attempt(null, error, retryable, retryAfter);
        }
    }

    private Attempt attemptOnce(byte[] body) throws ChatException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.completionsUri())
                .timeout(endpoint.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        apiKey.bearer().ifPresent(secret -> request.header("Authorization", "Bearer " + secret));
        HttpResponse<String> response;
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException("interrupted while waiting to call " + where(), e);
        }
        try {
            counters.increment("requests");
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            counters.increment("timeouts");
            return Attempt.failure("timed out calling " + where() + " (" + e.getClass().getSimpleName() + ")",
                    true, Optional.empty());
        } catch (IOException e) {
            counters.increment("connection_errors");
            return Attempt.failure("could not call " + where() + ": " + apiKey.redact(String.valueOf(e.getMessage())),
                    true, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException("interrupted while calling " + where(), e);
        } finally {
            inFlight.release();
        }
        return interpret(response);
    }

    private Attempt interpret(HttpResponse<String> response) {
        int status = response.statusCode();
        Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                clock.now());
        if (status == 200) {
            return content(response.body());
        }
        String error = where() + " answered HTTP " + status + ": " + snippet(response.body());
        if (status == 429) {
            counters.increment("http_429");
            return Attempt.failure(error, true, retryAfter);
        }
        if (status >= 500) {
            counters.increment("http_5xx");
            return Attempt.failure(error, true, retryAfter);
        }
        counters.increment("http_4xx");
        return Attempt.failure(error, status == 408 || status == 409, retryAfter);
    }

    private Attempt content(String body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            JsonNode content = root.path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                counters.increment("malformed_responses");
                return Attempt.failure(where() + " answered 200 without choices[0].message.content", true,
                        Optional.empty());
            }
            JsonNode usage = root.path("usage");
            if (usage.path("prompt_tokens").isNumber()) {
                counters.add("prompt_tokens", usage.path("prompt_tokens").asDouble());
            }
            if (usage.path("completion_tokens").isNumber()) {
                counters.add("completion_tokens", usage.path("completion_tokens").asDouble());
            }
            return Attempt.success(content.asText());
        } catch (IOException e) {
            counters.increment("malformed_responses");
            return Attempt.failure(where() + " answered 200 with a body that is not valid JSON: " + snippet(body),
                    true, Optional.empty());
        }
    }

    private byte[] requestBody(List<ChatMessage> messages) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", endpoint.model());
        ArrayNode list = root.putArray("messages");
        for (ChatMessage m : messages) {
            list.addObject().put("role", m.role()).put("content", m.content());
        }
        root.put("temperature", endpoint.temperature());
        root.put("max_tokens", endpoint.maxTokens());
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a chat request", e);
        }
    }

    /** Exponential back-off with equal jitter, never shorter than the server's Retry-After, capped at maxBackoff. */
    private Duration delayBeforeRetry(int retry, Optional<Duration> retryAfter) {
        long initial = endpoint.initialBackoff().toNanos();
        long cap = endpoint.maxBackoff().toNanos();
        long base = initial;
        for (int i = 1; i < retry && base < cap; i++) {
            base = Math.min(cap, base * 2);
        }
        base = Math.min(cap, base);
        long jittered = base / 2 + (base > 1 ? ThreadLocalRandom.current().nextLong(base - base / 2 + 1) : base);
        long wait = Math.max(jittered, retryAfter.map(Duration::toNanos).orElse(0L));
        return Duration.ofNanos(Math.min(cap, wait));
    }

    private void sleep(Duration delay) throws ChatException {
        try {
            clock.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException("interrupted while backing off", e);
        }
    }

    /** The endpoint without any user-info part of the URL. */
    private String where() {
        URI uri = endpoint.completionsUri();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + uri.getPath();
    }

    private String snippet(String body) {
        String text = body == null ? "" : body.strip();
        text = text.length() > BODY_SNIPPET ? text.substring(0, BODY_SNIPPET) + "..." : text;
        return apiKey.redact(text);
    }
}
