package io.dno.annotators.chat;

import java.util.Optional;
import java.util.function.Function;

/**
 * A secret bearer token read from an environment variable. Its {@link #toString()} and every message
 * this library writes show only the variable's name; {@link #redact(String)} blanks the secret out of
 * text that came from elsewhere (a server's error body may echo request headers).
 */
public final class ApiKey {
    private final String variable;
    private final String secret;

    private ApiKey(String variable, String secret) {
        this.variable = variable;
        this.secret = secret;
    }

    /** No key: a local server (vLLM, Ollama) that wants none. */
    public static ApiKey none() {
        return new ApiKey(null, null);
    }

    /** The key in environment variable {@code variable}; an unset or blank variable is an error naming it. */
    public static ApiKey fromEnvironment(String variable) {
        return fromEnvironment(variable, System::getenv);
    }

    /** As {@link #fromEnvironment(String)}, reading variables through {@code environment} (tests). */
    public static ApiKey fromEnvironment(String variable, Function<String, String> environment) {
        if (variable == null || variable.isBlank()) {
            throw new IllegalArgumentException("api_key_env must name an environment variable");
        }
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + variable
                    + " (api_key_env) is not set: export it with the API key, or drop api_key_env for a server without keys");
        }
        return new ApiKey(variable, value.strip());
    }

    /** The value for an {@code Authorization: Bearer} header, if there is a key. */
    Optional<String> bearer() {
        return Optional.ofNullable(secret);
    }

    /** {@code text} with every occurrence of the secret replaced by {@code ***}. */
    public String redact(String text) {
        if (secret == null || text == null) {
            return text;
        }
        return text.replace(secret, "***");
    }

    @Override
    public String toString() {
        return variable == null ? "ApiKey[none]" : "ApiKey[$" + variable + "]";
    }
}
