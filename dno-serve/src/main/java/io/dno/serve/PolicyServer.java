package io.dno.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenAI-compatible HTTP server of one local policy; embeddable:
 *
 * <pre>
 *   try (PolicyServer server = PolicyServer.start(ServeSettings.defaults("my-policy", 8000),
 *           () -&gt; ServedModel.load(dir, Optional.empty(), Device.cpu()))) {
 *       server.awaitReady();
 *       ... // http://127.0.0.1:8000/v1
 *   }
 * </pre>
 *
 * The port opens at once and the model loads in the background: until it is ready every model endpoint answers
 * 503 (with {@code Retry-After}); {@code GET /health} tells the state ({@code loading}, {@code ready}, {@code failed},
 * {@code draining}, {@code closed}; 200 only when ready) and how many requests are queued and in flight. {@link #close()} is graceful: new requests
 * get 503, queued and running ones finish (up to {@link ServeSettings#shutdownGrace()}), then the port closes
 * and the model is freed. Routes: {@code GET /v1/models}, {@code GET /v1/models/{id}},
 * {@code POST /v1/chat/completions}, {@code POST /v1/completions}, {@code GET /health}.
 */
public final class PolicyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyServer.class);

    /** Where the server is in its life. */
    public enum State { LOADING, READY, FAILED, DRAINING, CLOSED }

    private final ServeSettings settings;
    private final HttpServer http;
    private final ExecutorService handlers;
    private final CompletableFuture<Engine> engine = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private final ChatEndpoint chat = new ChatEndpoint(this);
    private final CompletionsEndpoint completions = new CompletionsEndpoint(this);
    private final long created = System.currentTimeMillis() / 1000;
    private volatile State state = State.LOADING;
    private volatile String loadFailure = "";

    static {
        // the JDK server writes a response's headers and body separately; without TCP_NODELAY the second write
        // waits for the client's delayed ACK (about 40 ms a response on Linux). Read once, when its config loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private PolicyServer(ServeSettings settings) throws IOException {
        this.settings = settings;
        this.http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 256);
        // handlers block while their request waits for the model: one thread per queue slot and batch row, plus
        // some for answering errors at once; connections beyond that wait for a thread, they are not dropped
        int threads = settings.queueCapacity() + settings.maxBatchRows() + 8;
        this.handlers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "dno-serve-http");
                    t.setDaemon(true);
                    return t;
                });
        http.setExecutor(handlers);
        http.createContext("/", this::handle);
    }

    /**
     * Opens the port and loads the model with {@code loader} on a background thread.
     *
     * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken)
     */
    public static PolicyServer start(ServeSettings settings, Supplier<ServedModel> loader) {
        return start(settings, loader, () -> { });
    }

    /** As {@link #start(ServeSettings, Supplier)}; {@code beforeBatch} runs on the engine thread before each batch. */
    static PolicyServer start(ServeSettings settings, Supplier<ServedModel> loader, Runnable beforeBatch) {
        PolicyServer server;
        try {
            server = new PolicyServer(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage() + " (is the port taken? choose another with --port)", e);
        }
        server.http.start();
        Thread load = new Thread(() -> server.load(loader, beforeBatch), "dno-serve-load");
        load.setDaemon(true);
        load.start();
        return server;
    }

    private void load(Supplier<ServedModel> loader, Runnable beforeBatch) {
        try {
            ServedModel model = loader.get();
            synchronized (this) {
                if (state != State.LOADING) {
                    model.close();
                    return;
                }
                Engine ready = new Engine(model, settings.queueCapacity(), settings.maxBatchRows(), beforeBatch);
                state = State.READY;
                engine.complete(ready);
            }
            LOG.info("serving {} on http://{}:{}/v1", settings.modelName(), settings.host(), port());
        } catch (RuntimeException | Error e) {
            loadFailure = e.getMessage();
            state = State.FAILED;
            engine.completeExceptionally(e);
            LOG.error("cannot load the model", e);
        }
    }

    /** Waits until the model is loaded; throws what the loader threw if it failed. */
    public PolicyServer awaitReady() throws InterruptedException {
        try {
            engine.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        }
        return this;
    }

    public State state() {
        return state;
    }

    /** The bound port (the one chosen when the settings asked for 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://host:port/v1}. */
    public String baseUrl() {
        return "http://" + settings.host() + ":" + port() + "/v1";
    }

    public ServeSettings settings() {
        return settings;
    }

    /** Generation batches run so far and the sequences they held. */
    public long[] batchCounts() {
        return engine.isDone() && !engine.isCompletedExceptionally() ? engine.join().batchCounts() : new long[2];
    }

    /** Requests waiting for the model now (0 before it is loaded). */
    int queued() {
        return engine.isDone() && !engine.isCompletedExceptionally() ? engine.join().queued() : 0;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    void checkModel(String model) {
        if (!settings.modelName().equals(model)) {
            throw new ApiError(404, "invalid_request_error", "model", "model_not_found", "the model '" + model
                    + "' does not exist here; this server serves '" + settings.modelName() + "'");
        }
    }

    Engine readyEngine() {
        return switch (state) {
            case READY -> engine.join();
            case LOADING -> new Retry("the model is still loading; retry in a few seconds").raise();
            case FAILED -> new Retry("the model failed to load: " + loadFailure).raise();
            case DRAINING, CLOSED -> new Retry("the server is shutting down").raise();
        };
    }

    /** Admits {@code job} and waits for its rows. */
    List<RowResult> run(Job job) {
        readyEngine().submit(job);
        try {
            return job.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "server_error", null, "shutting_down", "interrupted while waiting for the model");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiError api) {
                throw api;
            }
            throw new IllegalStateException("generation failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** A 503 with Retry-After. */
    private record Retry(String message) {
        Engine raise() {
            throw new ApiError(503, "server_error", null, "unavailable", message);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (ApiError e) {
                send(exchange, e.status(), e.toJson(), e.status() == 429 || e.status() == 503);
            } catch (RuntimeException e) {
                LOG.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                send(exchange, 500, new ApiError(500, "server_error", null, null, "internal error: " + e.getMessage())
                        .toJson(), false);
            }
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.getMessage());
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        String method = exchange.getRequestMethod();
        if (path.equals("/health")) {
            requireMethod(method, "GET");
            ObjectNode h = Wire.MAPPER.createObjectNode().put("status", state.name().toLowerCase(java.util.Locale.ROOT));
            h.put("model", settings.modelName());
            Engine e = engine.isDone() && !engine.isCompletedExceptionally() ? engine.join() : null;
            h.put("queued", e == null ? 0 : e.queued());
            h.put("in_flight", e == null ? 0 : e.inFlight());
            send(exchange, state == State.READY ? 200 : 503, h, state != State.READY);
            return;
        }
        if (!path.startsWith("/v1/")) {
            throw new ApiError(404, "invalid_request_error", null, "unknown_url", "unknown path " + path
                    + "; this server answers /v1/models, /v1/chat/completions and /v1/completions");
        }
        authorize(exchange);
        switch (path) {
            case "/v1/models" -> {
                requireMethod(method, "GET");
                ObjectNode list = Wire.MAPPER.createObjectNode().put("object", "list");
                list.putArray("data").add(modelEntry());
                send(exchange, 200, list, false);
            }
            case "/v1/chat/completions" -> {
                requireMethod(method, "POST");
                answer(exchange, chat.handle(Wire.parseObject(body(exchange))));
            }
            case "/v1/completions" -> {
                requireMethod(method, "POST");
                answer(exchange, completions.handle(Wire.parseObject(body(exchange))));
            }
            default -> {
                if (path.startsWith("/v1/models/")) {
                    requireMethod(method, "GET");
                    checkModel(path.substring("/v1/models/".length()));
                    send(exchange, 200, modelEntry(), false);
                    return;
                }
                throw new ApiError(404, "invalid_request_error", null, "unknown_url", "unknown path " + path
                        + "; this server answers /v1/models, /v1/chat/completions and /v1/completions");
            }
        }
    }

    private ObjectNode modelEntry() {
        ObjectNode m = Wire.MAPPER.createObjectNode();
        m.put("id", settings.modelName());
        m.put("object", "model");
        m.put("created", created);
        m.put("owned_by", "dno");
        return m;
    }

    private static void requireMethod(String method, String allowed) {
        if (!allowed.equals(method)) {
            throw new ApiError(405, "invalid_request_error", null, "method_not_allowed", method
                    + " is not allowed here; use " + allowed);
        }
    }

    private void authorize(HttpExchange exchange) {
        if (settings.apiKey().isEmpty()) {
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Bearer " + settings.apiKey().get();
        boolean ok = header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw new ApiError(401, "invalid_request_error", null, "invalid_api_key", header == null
                    ? "no API key: send 'Authorization: Bearer <key>'" : "incorrect API key");
        }
    }

    private byte[] body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > settings.maxBodyBytes()) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw ApiError.invalid(null, "Content-Length '" + length + "' is not a number");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(settings.maxBodyBytes() + 1);
            if (body.length > settings.maxBodyBytes()) {
                throw tooLarge();
            }
            return body;
        }
    }

    private ApiError tooLarge() {
        return new ApiError(413, "invalid_request_error", null, "request_too_large", "the request body is larger than "
                + settings.maxBodyBytes() + " bytes");
    }

    private static void answer(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.json().isPresent()) {
            send(exchange, 200, reply.json().get(), false);
        } else {
            reply.stream().orElseThrow().write(new SseStream(exchange));
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode body, boolean retryAfter) throws IOException {
        byte[] bytes = Wire.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Graceful shutdown: stops admitting (503), lets queued and running requests finish within the grace period,
     * closes the port once their answers are written, then frees the model.
     */
    @Override
    public void close() {
        Engine e;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.DRAINING;
            e = engine.isDone() && !engine.isCompletedExceptionally() ? engine.join() : null;
        }
        try {
            if (e != null && !e.drain(settings.shutdownGrace().toMillis())) {
                LOG.warn("shutdown grace of {} ran out with requests still running", settings.shutdownGrace());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        http.stop(1);                        // answers already computed are written within the second
        handlers.shutdown();
        if (e != null) {
            e.close();
            e.model().close();
        }
        state = State.CLOSED;
    }
}
