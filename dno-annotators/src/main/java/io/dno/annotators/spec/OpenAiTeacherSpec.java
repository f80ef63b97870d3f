package io.dno.annotators.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.annotators.chat.ChatEndpoint;
import io.dno.annotators.chat.OpenAiChatClient;
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
        temperature = temperature == null ? 0.0 : temperature;
        maxTokens = maxTokens == null ? 1024 : maxTokens;
        timeout = timeout == null ? "120s" : timeout;
        connectTimeout = connectTimeout == null ? "10s" : connectTimeout;
        retries = retries == null ? 5 : retries;
        backoff = backoff == null ? "1s" : backoff;
        maxBackoff = maxBackoff == null ? "60s" : maxBackoff;
        concurrency = concurrency == null ? 8 : concurrency;
        answers = answers == null ? "teacher-answers.jsonl" : answers;
        EndpointFields.require(apiKeyEnv == null || apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*"), "api_key_env",
                "must be the NAME of an environment variable (letters, digits, _), not the key itself");
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
        ChatTeacher teacher = new ChatTeacher(new OpenAiChatClient(endpoint, EndpointFields.apiKey(apiKeyEnv, environment)),
                Optional.ofNullable(systemPrompt));
        return new StoredTeacher(teacher, EndpointFields.underRun(runDirectory, answers), endpoint.concurrency());
    }
}
