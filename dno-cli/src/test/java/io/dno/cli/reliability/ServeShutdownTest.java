package io.dno.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.cli.serve.ServedPolicies;
import io.dno.core.io.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dno serve} in its own JVM gets a real SIGTERM ({@link Process#destroy}) while a long greedy request is
 * being decoded: the request still gets its full answer, and the process then exits. The test checks that the
 * answer arrived after the signal, so the request really was in flight.
 */
class ServeShutdownTest {
    private static final Pattern URL = Pattern.compile("serving 'tiny' at (http://127\\.0\\.0\\.1:\\d+/v1)");

    @Test
    void sigtermLetsTheInFlightRequestFinish(@TempDir Path tmp) throws Exception {
        Path model = ServedPolicies.write(tmp.resolve("tiny"), 2);
        Path log = tmp.resolve("serve.log");
        Process p = DnoProcess.start(log, Map.of(), "serve", "--model", model.toString(), "--port", "0",
                "--shutdown-grace", "300");
        try {
            String base = awaitUrl(p, log);
            HttpClient http = HttpClient.newHttpClient();
            String body = "{\"model\": \"tiny\", \"messages\": [{\"role\": \"user\", \"content\": \"Write a story\"}], "
                    + "\"max_tokens\": 200, \"temperature\": 0}";
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(base + "/chat/completions")).timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            String health = base.replace("/v1", "/health");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Json.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(health)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("in_flight").asInt() < 1) {
                assertTrue(System.nanoTime() < deadline, "the request never reached the engine");
                Thread.sleep(20);
            }
            assertTrue(!inFlight.isDone(), "the request was still in flight when SIGTERM was sent");
            long signalled = System.nanoTime();
            p.destroy();                                               // SIGTERM
            HttpResponse<String> answer;
            try {
                answer = inFlight.get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("no answer; the server's log:\n" + Files.readString(log), e);
            }
            long answered = System.nanoTime();
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode root = Json.mapper().readTree(answer.body());
            assertTrue(answered > signalled, "answered after the signal");
            assertEquals(200, root.get("usage").get("completion_tokens").asInt(), "the whole answer: " + root);
            assertEquals("length", root.get("choices").get(0).get("finish_reason").asText());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server exits after draining");
            assertEquals(0, p.exitValue(), "a drained shutdown exits 0: " + Files.readString(log));
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    private static String awaitUrl(Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = URL.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) {
                    return m.group(1);
                }
            }
            assertTrue(p.isAlive(), "dno serve exited early: " + (Files.exists(log) ? Files.readString(log) : ""));
            Thread.sleep(100);
        }
        throw new AssertionError("dno serve did not report its URL: " + Files.readString(log));
    }
}
