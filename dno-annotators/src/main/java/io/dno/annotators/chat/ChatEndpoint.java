package io.dno.annotators.chat;

import static com.google.common.base.Preconditions.checkArgument;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how to call an OpenAI-compatible chat-completions endpoint ({@code POST {baseUrl}/chat/completions}).
 *
 * @param baseUrl        e.g. {@code https://api.openai.com/v1} or {@code http://localhost:8000/v1} (vLLM, Ollama)
 * @param model          the model name sent in every request
 * @param temperature    sampling temperature, {@code >= 0}
 * @param maxTokens      most completion tokens per reply, {@code >= 1}
 * @param connectTimeout time allowed to open a connection
 * @param requestTimeout time allowed for one request, from sending to the end of the reply
 * @param retries        further attempts after a failed one (timeouts, resets, 408, 409, 429, 5xx), {@code >= 0}
 * @param initialBackoff wait before the first retry; doubled each retry, with jitter
 * @param maxBackoff     longest single wait, also the most of a server's {@code Retry-After} honoured
 * @param concurrency    most requests in flight at once across all threads, {@code >= 1}
 */
public record ChatEndpoint(URI baseUrl, String model, double temperature, int maxTokens, Duration connectTimeout,
                           Duration requestTimeout, int retries, Duration initialBackoff, Duration maxBackoff,
                           int concurrency) {

    public ChatEndpoint {
        checkArgument(baseUrl != null && baseUrl.getScheme() != null
                        && (baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https")),
                "base_url must be an http(s) URL, got %s", baseUrl);
        checkArgument(model != null && !model.isBlank(), "model must name the model to call");
        checkArgument(Double.isFinite(temperature) && temperature >= 0, "temperature must be >= 0, got %s", temperature);
        checkArgument(maxTokens >= 1, "max_tokens must be >= 1, got %s", maxTokens);
        checkArgument(positive(connectTimeout), "the connect timeout must be positive, got %s", connectTimeout);
        checkArgument(positive(requestTimeout), "timeout must be positive, got %s", requestTimeout);
        checkArgument(retries >= 0, "retries must be >= 0, got %s", retries);
        checkArgument(initialBackoff != null && !initialBackoff.isNegative(), "the initial back-off must be >= 0");
        checkArgument(maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
                "the maximum back-off (%s) must be >= the initial back-off (%s)", maxBackoff, initialBackoff);
        checkArgument(concurrency >= 1, "concurrency must be >= 1, got %s", concurrency);
    }

    /** Defaults for {@code model} at {@code baseUrl}: deterministic judging (temperature 0), 60 s timeout, 5 retries. */
    public static ChatEndpoint of(URI baseUrl, String model) {
        return new ChatEndpoint(baseUrl, model, 0.0, 2048, Duration.ofSeconds(10), Duration.ofSeconds(60), 5,
                Duration.ofSeconds(1), Duration.ofSeconds(60), 8);
    }

    public ChatEndpoint withTemperature(double t) {
        return new ChatEndpoint(baseUrl, model, t, maxTokens, connectTimeout, requestTimeout, retries, initialBackoff,
                maxBackoff, concurrency);
    }

    public ChatEndpoint withMaxTokens(int tokens) {
        return new ChatEndpoint(baseUrl, model, temperature, tokens, connectTimeout, requestTimeout, retries,
                initialBackoff, maxBackoff, concurrency);
    }

    public ChatEndpoint withTimeouts(Duration connect, Duration request) {
        return new ChatEndpoint(baseUrl, model, temperature, maxTokens, connect, request, retries, initialBackoff,
                maxBackoff, concurrency);
    }

    public ChatEndpoint withRetries(int count, Duration initial, Duration max) {
        return new ChatEndpoint(baseUrl, model, temperature, maxTokens, connectTimeout, requestTimeout, count, initial,
                max, concurrency);
    }

    public ChatEndpoint withConcurrency(int requests) {
        return new ChatEndpoint(baseUrl, model, temperature, maxTokens, connectTimeout, requestTimeout, retries,
                initialBackoff, maxBackoff, requests);
    }

    /** The chat-completions URL: {@code baseUrl} + {@code /chat/completions}. */
    public URI completionsUri() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/chat/completions");
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
