package io.dno.serve;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link PolicyServer} listens and what it accepts.
 *
 * @param host             address to bind, e.g. {@code 127.0.0.1} (loopback) or {@code 0.0.0.0}
 * @param port             TCP port; 0 picks a free one ({@link PolicyServer#port()} tells which)
 * @param modelName        the id clients put in {@code model}; other ids are answered 404
 * @param apiKey           when present, requests need {@code Authorization: Bearer <key>} (401 otherwise)
 * @param queueCapacity    requests waiting for the model at most; one more is refused with 429
 * @param maxBatchRows     sequences (prompts × n) decoded together in one generation batch at most
 * @param maxN             largest {@code n} accepted (400 above)
 * @param maxRows          largest prompts × n of one request (400 above)
 * @param defaultMaxTokens {@code max_tokens} when a request gives none (cut to the room left in the context)
 * @param maxBodyBytes     largest request body (413 above)
 * @param shutdownGrace    how long closing waits for queued and in-flight requests to finish
 */
public record ServeSettings(String host, int port, String modelName, Optional<String> apiKey, int queueCapacity,
                            int maxBatchRows, int maxN, int maxRows, int defaultMaxTokens, int maxBodyBytes,
                            Duration shutdownGrace) {

    public static final int DEFAULT_PORT = 8000;

    public ServeSettings {
        checkArgument(host != null && !host.isBlank(), "host must be non-blank, e.g. 127.0.0.1");
        checkArgument(port >= 0 && port <= 65535, "port must be in [0, 65535], got %s", port);
        checkArgument(modelName != null && !modelName.isBlank(), "modelName must be non-blank");
        checkArgument(apiKey != null, "apiKey: use Optional.empty() for a server without a key");
        apiKey.ifPresent(k -> checkArgument(!k.isBlank(), "the API key is blank: set the variable to a key or drop it"));
        checkArgument(queueCapacity >= 1, "queueCapacity must be >= 1, got %s", queueCapacity);
        checkArgument(maxBatchRows >= 1, "maxBatchRows must be >= 1, got %s", maxBatchRows);
        checkArgument(maxN >= 1, "maxN must be >= 1, got %s", maxN);
        checkArgument(maxRows >= maxN, "maxRows (%s) must be >= maxN (%s)", maxRows, maxN);
        checkArgument(defaultMaxTokens >= 1, "defaultMaxTokens must be >= 1, got %s", defaultMaxTokens);
        checkArgument(maxBodyBytes >= 1024, "maxBodyBytes must be >= 1024, got %s", maxBodyBytes);
        checkArgument(shutdownGrace != null && !shutdownGrace.isNegative(), "shutdownGrace must be >= 0");
    }

    /** Loopback on {@code port}, no key, a queue of 64, batches of 32 rows, n ≤ 16, 256 tokens by default. */
    public static ServeSettings defaults(String modelName, int port) {
        return new ServeSettings("127.0.0.1", port, modelName, Optional.empty(), 64, 32, 16, 64, 256, 8 << 20,
                Duration.ofSeconds(30));
    }

    public ServeSettings withApiKey(String key) {
        return new ServeSettings(host, port, modelName, Optional.of(key), queueCapacity, maxBatchRows, maxN, maxRows,
                defaultMaxTokens, maxBodyBytes, shutdownGrace);
    }

    public ServeSettings withQueueCapacity(int capacity) {
        return new ServeSettings(host, port, modelName, apiKey, capacity, maxBatchRows, maxN, maxRows,
                defaultMaxTokens, maxBodyBytes, shutdownGrace);
    }

    public ServeSettings withMaxBatchRows(int rows) {
        return new ServeSettings(host, port, modelName, apiKey, queueCapacity, rows, maxN, maxRows,
                defaultMaxTokens, maxBodyBytes, shutdownGrace);
    }

    public ServeSettings withHost(String address) {
        return new ServeSettings(address, port, modelName, apiKey, queueCapacity, maxBatchRows, maxN, maxRows,
                defaultMaxTokens, maxBodyBytes, shutdownGrace);
    }

    public ServeSettings withShutdownGrace(Duration grace) {
        return new ServeSettings(host, port, modelName, apiKey, queueCapacity, maxBatchRows, maxN, maxRows,
                defaultMaxTokens, maxBodyBytes, grace);
    }
}
