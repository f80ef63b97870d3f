package io.dno.annotators.spec;

import io.dno.annotators.chat.ApiKey;
import io.dno.annotators.chat.ChatEndpoint;
import io.dno.annotators.chat.OpenAiChatClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.Function;

/** The checks and conversions shared by the specs that call a chat endpoint. */
final class EndpointFields {

    /** Defaults of the endpoint fields, the same in every OpenAI spec (max_tokens and timeout differ). */
    static final double TEMPERATURE = 0.0;
    static final String CONNECT_TIMEOUT = "10s";
    static final int RETRIES = 5;
    static final String BACKOFF = "1s";
    static final String MAX_BACKOFF = "60s";
    static final int CONCURRENCY = 8;

    private EndpointFields() {}

    static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("field '" + field + "': " + problem);
        }
    }

    static URI baseUrl(String text) {
        require(text != null && !text.isBlank(), "base_url", "is required, e.g. https://api.openai.com/v1");
        try {
            URI uri = new URI(text.strip());
            require("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()), "base_url",
                    "must be an http or https URL, got '" + text + "'");
            require(uri.getRawUserInfo() == null, "base_url",
                    "must not carry credentials: put the key in the environment variable named by api_key_env");
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("field 'base_url': '" + text + "' is not a URL: " + e.getReason(), e);
        }
    }

    static ChatEndpoint endpoint(String baseUrl, String model, double temperature, int maxTokens, String connectTimeout,
                                 String timeout, int retries, String backoff, String maxBackoff, int concurrency) {
        URI uri = baseUrl(baseUrl);
        require(model != null && !model.isBlank(), "model", "is required: the model name the endpoint serves");
        require(Double.isFinite(temperature) && temperature >= 0 && temperature <= 2, "temperature",
                "must be in [0, 2], got " + temperature);
        require(maxTokens >= 1, "max_tokens", "must be >= 1, got " + maxTokens);
        require(retries >= 0 && retries <= 100, "retries", "must be in [0, 100], got " + retries);
        require(concurrency >= 1 && concurrency <= 1024, "concurrency", "must be in [1, 1024], got " + concurrency);
        var connect = positive("connect_timeout", connectTimeout);
        var request = positive("timeout", timeout);
        var initial = DurationText.parse("backoff", backoff);
        var max = DurationText.parse("max_backoff", maxBackoff);
        require(max.compareTo(initial) >= 0, "max_backoff", "(" + maxBackoff + ") must be >= backoff (" + backoff + ")");
        return new ChatEndpoint(uri, model, temperature, maxTokens, connect, request, retries, initial, max, concurrency);
    }

    /** Checks that {@code apiKeyEnv}, when given, names an environment variable rather than holding the key. */
    static void apiKeyEnv(String apiKeyEnv) {
        require(apiKeyEnv == null || apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*"), "api_key_env",
                "must be the NAME of an environment variable (letters, digits, _), not the key itself");
    }

    /** A client of {@code endpoint} with the key read from {@code environment}'s {@code apiKeyEnv}, if named. */
    static OpenAiChatClient client(ChatEndpoint endpoint, String apiKeyEnv, Function<String, String> environment) {
        return new OpenAiChatClient(endpoint, apiKeyEnv == null ? ApiKey.none()
                : ApiKey.fromEnvironment(apiKeyEnv, environment));
    }

    static Path underRun(Path runDirectory, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : runDirectory.resolve(p);
    }

    private static java.time.Duration positive(String field, String text) {
        var d = DurationText.parse(field, text);
        require(!d.isZero(), field, "must be positive, got " + text);
        return d;
    }
}
