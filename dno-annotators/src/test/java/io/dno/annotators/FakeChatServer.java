package io.dno.annotators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dno.annotators.chat.ChatEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process OpenAI-compatible chat-completions server for tests: each request is answered by a
 * {@link Behaviour} (content, HTTP error, delay, dropped connection), and the server counts requests and
 * the most it ever had in flight.
 */
public final class FakeChatServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the server does with one request. */
    public sealed interface Reply {}

    /** 200 with {@code choices[0].message.content = content}. */
    public record Content(String content) implements Reply {}

    /** A status with a raw body and headers. */
    public record Raw(int status, String body, Map<String, String> headers) implements Reply {}

    /** Waits, then replies. */
    public record Delayed(Duration delay, Reply then) implements Reply {}

    /** Closes the connection without a response. */
    public record Drop() implements Reply {}

    /**
     * Holds the request until {@code inFlight} requests have been in flight at once (or {@code atMost} has passed),
     * then replies: a burst then reaches that concurrency by construction, not by scheduling luck.
     */
    public record HeldUntilInFlight(int inFlight, Duration atMost, Reply then) implements Reply {}

    /** Decides the reply from the request number (0-based) and the parsed request body. */
    @FunctionalInterface
    public interface Behaviour {
        Reply reply(int requestNumber, JsonNode request);
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour;

    public FakeChatServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public void behaviour(Behaviour b) {
        this.behaviour = b;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** An endpoint at this server with test-sized timeouts and millisecond back-offs. */
    public ChatEndpoint endpoint() {
        return ChatEndpoint.of(baseUrl(), "fake-judge")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(20));
    }

    public int requests() {
        return requests.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public List<JsonNode> bodies() {
        return bodies;
    }

    public List<String> authorizations() {
        return authorizations;
    }

    /** The user message of a request body. */
    public static String userMessage(JsonNode request) {
        for (JsonNode m : request.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                return m.path("content").asText();
            }
        }
        throw new AssertionError("no user message in " + request);
    }

    /** The system message of a request body. */
    public static String systemMessage(JsonNode request) {
        return request.path("messages").path(0).path("content").asText();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int number = requests.getAndIncrement();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        synchronized (maxInFlight) {
            maxInFlight.notifyAll();
        }
        // a request leaves the in-flight count before its answer is sent: the client may start its next request as
        // soon as it reads the answer, so counting until the exchange closes would overlap the two
        java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean(true);
        Runnable leave = () -> {
            if (counted.getAndSet(false)) {
                inFlight.decrementAndGet();
            }
        };
        try {
            JsonNode body = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            bodies.add(body);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            respond(exchange, behaviour.reply(number, body), leave);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leave.run();
            exchange.close();
        }
    }

    private void respond(HttpExchange exchange, Reply reply, Runnable leave) throws IOException, InterruptedException {
        if (reply instanceof Delayed d) {
            Thread.sleep(d.delay().toMillis());
            respond(exchange, d.then(), leave);
        } else if (reply instanceof HeldUntilInFlight h) {
            long deadline = System.nanoTime() + h.atMost().toNanos();
            synchronized (maxInFlight) {
                while (maxInFlight.get() < h.inFlight() && System.nanoTime() < deadline) {
                    maxInFlight.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            }
            respond(exchange, h.then(), leave);
        } else if (reply instanceof Content c) {
            leave.run();
            send(exchange, 200, envelope(c.content()), Map.of());
        } else if (reply instanceof Raw r) {
            leave.run();
            send(exchange, r.status(), r.body(), r.headers());
        }
        // Drop: no status line; close() below drops the connection
    }

    /** Sends a JSON response with {@code headers}; shared with the reliability suites' judge server. */
    public static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A chat-completions response body around {@code content}. */
    public static String envelope(String content) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", "chatcmpl-test").put("object", "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5);
        return root.toString();
    }

    /** A behaviour from a function of the request alone. */
    public static Behaviour always(Function<JsonNode, Reply> f) {
        return (n, request) -> f.apply(request);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
