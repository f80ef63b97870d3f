package io.dno.annotators.spec;

import io.dno.annotators.chat.ApiKey;
import io.dno.annotators.chat.ChatEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.Function;

/** The checks and conversions shared by the specs that call a chat endpoint. */
final class EndpointFields {

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

    static ApiKey apiKey(String apiKeyEnv, Function<String, String> environment) {
        return apiKeyEnv == null ? ApiKey.none() : ApiKey.fromEnvironment(apiKeyEnv, environment);
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
