package io.dno.annotators.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.annotators.chat.ChatEndpoint;
import io.dno.annotators.judge.ListwiseJudge;
import io.dno.annotators.judge.Scale;
import io.dno.core.annotate.Annotator;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * {@code type: openai}: the listwise judge over an OpenAI-compatible chat-completions endpoint.
 *
 * @param baseUrl        required, e.g. {@code https://api.openai.com/v1}, {@code http://localhost:8000/v1}
 * @param model          required
 * @param apiKeyEnv      environment variable holding the API key; omit for servers without keys
 * @param temperature    default 0
 * @param maxTokens      default 2048
 * @param timeout        per request, default {@code 60s}
 * @param connectTimeout default {@code 10s}
 * @param retries        default 5
 * @param backoff        first retry wait, doubled each retry with jitter, default {@code 1s}
 * @param maxBackoff     longest wait (and most Retry-After honoured), default {@code 60s}
 * @param concurrency    most requests in flight, default 8
 * @param twoPass        judge again in reversed order and average, default false
 * @param rubric         built-in rubric: {@code additive-6} (default, 0–6) or {@code score-1-10}
 * @param rubricFile     a text file of grading instructions instead (needs {@code scale})
 * @param scale          {@code {min: 1, max: 10}}, only with {@code rubric_file}
 * @param seed           seed of the candidate order, default 0
 * @param cache          optional cache file
 */
public record OpenAiJudgeSpec(
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("model") String model,
        @JsonProperty("api_key_env") String apiKeyEnv,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("timeout") String timeout,
        @JsonProperty("connect_timeout") String connectTimeout,
        @JsonProperty("retries") Integer retries,
        @JsonProperty("backoff") String backoff,
        @JsonProperty("max_backoff") String maxBackoff,
        @JsonProperty("concurrency") Integer concurrency,
        @JsonProperty("two_pass") Boolean twoPass,
        @JsonProperty("rubric") String rubric,
        @JsonProperty("rubric_file") String rubricFile,
        @JsonProperty("scale") Scale scale,
        @JsonProperty("seed") Long seed,
        @JsonProperty("cache") String cache) implements AnnotatorSpec {

    public OpenAiJudgeSpec {
        temperature = temperature == null ? EndpointFields.TEMPERATURE : temperature;
        maxTokens = maxTokens == null ? 2048 : maxTokens;
        timeout = timeout == null ? "60s" : timeout;
        connectTimeout = connectTimeout == null ? EndpointFields.CONNECT_TIMEOUT : connectTimeout;
        retries = retries == null ? EndpointFields.RETRIES : retries;
        backoff = backoff == null ? EndpointFields.BACKOFF : backoff;
        maxBackoff = maxBackoff == null ? EndpointFields.MAX_BACKOFF : maxBackoff;
        concurrency = concurrency == null ? EndpointFields.CONCURRENCY : concurrency;
        twoPass = twoPass != null && twoPass;
        seed = seed == null ? 0L : seed;
        EndpointFields.apiKeyEnv(apiKeyEnv);
        EndpointFields.endpoint(baseUrl, model, temperature, maxTokens, connectTimeout, timeout, retries, backoff,
                maxBackoff, concurrency);
        RubricFields.check(rubric, rubricFile, scale);
    }

    /** The endpoint settings (validated). */
    public ChatEndpoint endpoint() {
        return EndpointFields.endpoint(baseUrl, model, temperature, maxTokens, connectTimeout, timeout, retries, backoff,
                maxBackoff, concurrency);
    }

    @Override
    public Annotator buildUncached(Path runDirectory) {
        return buildUncached(System::getenv);
    }

    /** As {@link #buildUncached(Path)}, reading the API key through {@code environment}. */
    public ListwiseJudge buildUncached(Function<String, String> environment) {
        return new ListwiseJudge(EndpointFields.client(endpoint(), apiKeyEnv, environment),
                RubricFields.build(rubric, rubricFile, scale), twoPass, seed);
    }
}
