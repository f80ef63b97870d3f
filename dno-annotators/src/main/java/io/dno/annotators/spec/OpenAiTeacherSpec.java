package io.dno.annotators.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.annotators.chat.ChatEndpoint;
import io.dno.annotators.teacher.ChatTeacher;
import io.dno.annotators.teacher.StoredTeacher;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code type: openai}: gold answers from an OpenAI-compatible endpoint, stored in {@code answers}.
 * Endpoint fields as in {@link OpenAiJudgeSpec} (temperature default 0, max_tokens default 1024).
 *
 * @param systemPrompt optional system message before each prompt
 * @param answers      the answers file (demonstrations JSONL), default {@code teacher-answers.jsonl}; a
 *                     relative path is resolved against the run directory
 */
public record OpenAiTeacherSpec(
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
        @JsonProperty("system_prompt") String systemPrompt,
        @JsonProperty("answers") String answers) implements TeacherSpec {

    public OpenAiTeacherSpec {
        temperature = temperature == null ? EndpointFields.TEMPERATURE : temperature;
        maxTokens = maxTokens == null ? 1024 : maxTokens;
        timeout = timeout == null ? "120s" : timeout;
        connectTimeout = connectTimeout == null ? EndpointFields.CONNECT_TIMEOUT : connectTimeout;
        retries = retries == null ? EndpointFields.RETRIES : retries;
        backoff = backoff == null ? EndpointFields.BACKOFF : backoff;
        maxBackoff = maxBackoff == null ? EndpointFields.MAX_BACKOFF : maxBackoff;
        concurrency = concurrency == null ? EndpointFields.CONCURRENCY : concurrency;
        answers = answers == null ? "teacher-answers.jsonl" : answers;
        EndpointFields.apiKeyEnv(apiKeyEnv);
        EndpointFields.require(!answers.isBlank(), "answers", "must be a file path");
        EndpointFields.endpoint(baseUrl, model, temperature, maxTokens, connectTimeout, timeout, retries, backoff,
                maxBackoff, concurrency);
    }

    public ChatEndpoint endpoint() {
        return EndpointFields.endpoint(baseUrl, model, temperature, maxTokens, connectTimeout, timeout, retries, backoff,
                maxBackoff, concurrency);
    }

    @Override
    public StoredTeacher build(Path runDirectory) {
        return build(runDirectory, System::getenv);
    }

    /** As {@link #build(Path)}, reading the API key through {@code environment}. */
    public StoredTeacher build(Path runDirectory, Function<String, String> environment) {
        ChatEndpoint endpoint = endpoint();
        ChatTeacher teacher = new ChatTeacher(EndpointFields.client(endpoint, apiKeyEnv, environment),
                Optional.ofNullable(systemPrompt));
        return new StoredTeacher(teacher, EndpointFields.underRun(runDirectory, answers), endpoint.concurrency());
    }
}
