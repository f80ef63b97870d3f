package io.dno.cli.reliability;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dno.annotators.FakeChatServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible judge server that lives in the test JVM, so it counts the requests of every {@code dno}
 * process a test starts. The honest answer scores each real candidate block (the blocks carrying the tag the
 * system message announces) by {@link #truth}, a function of the question and the candidate text the test can
 * recompute from {@code annotations.jsonl}. A {@link Misbehaviour} may replace the honest answer.
 */
final class JudgeServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("carrying the tag ([0-9a-f]{16})");

    /** One request as the server saw it. */
    record Request(int number, String key, String authorization, String answered) {}

    /** What the server does instead of answering honestly (or {@code null} to answer honestly). */
    @FunctionalInterface
    interface Misbehaviour {
        Fault choose(int requestNumber, String honestReply);
    }

    /** A fault: an HTTP status with a body and headers, a dropped connection, a delay, or other content. */
    sealed interface Fault {}

    record Status(int code, String body, Map<String, String> headers) implements Fault {}

    record Drop() implements Fault {}

    record Delay(long millis) implements Fault {}

    record Content(String content) implements Fault {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** A reply delayed past this is abandoned by the client; it stops counting as in flight just before. */
    private volatile long clientTimeoutMillis = Long.MAX_VALUE;
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<Request> log = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> faults = new ConcurrentHashMap<>();
    private volatile Misbehaviour misbehaviour = (n, honest) -> null;

    JudgeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void misbehave(Misbehaviour m) {
        misbehaviour = m;
    }

    List<Request> requests() {
        return List.copyOf(log);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    /** How many times each kind of fault was served. */
    Map<String, Integer> faultsServed() {
        Map<String, Integer> out = new LinkedHashMap<>();
        faults.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /**
     * The ground truth: a score in 0..6 from how many leading characters of {@code text} spell the question
     * reversed and from the text's length (the judge neutralises {@code <<<} runs character for character, so
     * the length it sees is the candidate's).
     */
    static int truth(String question, String text) {
        String ideal = new StringBuilder(question).reverse().toString();
        int match = 0;
        while (match < Math.min(ideal.length(), text.length()) && ideal.charAt(match) == text.charAt(match)) {
            match++;
        }
        return (3 * match + text.codePointCount(0, text.length())) % 7;
    }

    /** The honest reply to a judge request: every real block scored by {@link #truth}. */
    static String honestReply(JsonNode request) {
        String system = request.path("messages").path(0).path("content").asText();
        Matcher tagMatcher = TAG.matcher(system);
        if (!tagMatcher.find()) {
            throw new IllegalStateException("the system message announces no tag");
        }
        String tag = tagMatcher.group(1);
        String user = request.path("messages").path(1).path("content").asText();
        Matcher q = Pattern.compile("<<<QUESTION " + tag + ">>>\\n(.*?)\\n<<<END QUESTION " + tag + ">>>",
                Pattern.DOTALL).matcher(user);
        if (!q.find()) {
            throw new IllegalStateException("no question block");
        }
        String question = q.group(1);
        Matcher block = Pattern.compile("<<<CANDIDATE (c\\d+) " + tag + ">>>\\n(.*?)\\n<<<END CANDIDATE \\1 " + tag
                + ">>>", Pattern.DOTALL).matcher(user);
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode scores = root.putArray("scores");
        while (block.find()) {
            scores.addObject().put("id", block.group(1)).put("justification", "by the ground truth")
                    .put("score", truth(question, block.group(2)));
        }
        return root.toString();
    }

    /**
     * The clients' request timeout: a delayed reply stops counting as in flight 100 ms before it, since the client
     * has given up on it and released its concurrency permit (the server cannot see the abandoned connection).
     */
    void clientTimeout(long millis) {
        this.clientTimeoutMillis = millis;
    }

    private void handle(HttpExchange exchange) throws IOException {
        int number = requests.getAndIncrement();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        String user = "";
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        boolean abandoned = false;
        try {
            JsonNode body = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            user = body.path("messages").path(1).path("content").asText();
            String honest = honestReply(body);
            Fault fault = misbehaviour.choose(number, honest);
            while (fault instanceof Delay d) {
                count("delay");
                long giveUp = clientTimeoutMillis - 100;
                if (d.millis() > clientTimeoutMillis && giveUp > 0) {
                    Thread.sleep(giveUp);
                    inFlight.decrementAndGet();
                    abandoned = true;
                    Thread.sleep(d.millis() - giveUp);
                } else {
                    Thread.sleep(d.millis());
                }
                fault = null;                    // after the delay, answer (if the client still listens)
            }
            String answered;
            if (fault == null) {
                FakeChatServer.send(exchange, 200, FakeChatServer.envelope(honest), Map.of());
                answered = "honest";
            } else if (fault instanceof Content c) {
                count("content");
                FakeChatServer.send(exchange, 200, FakeChatServer.envelope(c.content()), Map.of());
                answered = "content";
            } else if (fault instanceof Status s) {
                count("http_" + s.code());
                FakeChatServer.send(exchange, s.code(), s.body(), s.headers());
                answered = "http_" + s.code();
            } else {
                count("drop");
                answered = "drop";
            }
            log.add(new Request(number, user, authorization, answered));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.add(new Request(number, user, authorization, "broken: " + e));
        } finally {
            if (!abandoned) {
                inFlight.decrementAndGet();
            }
            exchange.close();
        }
    }

    private void count(String kind) {
        faults.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
