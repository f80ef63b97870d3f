package io.dno.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 503 while loading, 401 without the key, 429 when the queue is full, and graceful close. */
class LifecycleTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String CHAT = "{\"model\": \"tiny\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
            + "\"max_tokens\": 3}";

    @Test
    void answers503WhileLoadingThenServes(@TempDir Path tmp) throws Exception {
        Path dir = TinyPolicyDir.write(tmp.resolve("tiny"), 1);
        CountDownLatch release = new CountDownLatch(1);
        try (PolicyServer server = PolicyServer.start(ServerFixture.settings(), () -> {
            await(release);
            return ServedModel.load(dir, Optional.empty(), Device.cpu());
        })) {
            HttpResponse<String> loading = ServerFixture.post(HTTP, server, "/chat/completions", CHAT);
            assertEquals(503, loading.statusCode(), loading.body());
            assertEquals("1", loading.headers().firstValue("Retry-After").orElse(""));
            assertTrue(loading.body().contains("still loading"), loading.body());
            HttpResponse<String> health = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("loading"), health.body());
            release.countDown();
            server.awaitReady();
            assertEquals(200, ServerFixture.post(HTTP, server, "/chat/completions", CHAT).statusCode());
        }
    }

    @Test
    void needsTheApiKeyWhenOneIsSet(@TempDir Path tmp) throws Exception {
        try (PolicyServer server = ServerFixture.start(TinyPolicyDir.write(tmp.resolve("tiny"), 1),
                ServerFixture.settings().withApiKey("s3cret"))) {
            HttpResponse<String> none = ServerFixture.post(HTTP, server, "/chat/completions", CHAT);
            assertEquals(401, none.statusCode());
            assertTrue(none.body().contains("invalid_api_key"), none.body());
            HttpResponse<String> good = HTTP.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.baseUrl() + "/chat/completions")).header("Authorization", "Bearer s3cret")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(CHAT)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, good.statusCode(), good.body());
        }
    }

    @Test
    void refusesWith429WhenTheQueueIsFullAndDrainsOnClose(@TempDir Path tmp) throws Exception {
        Path dir = TinyPolicyDir.write(tmp.resolve("tiny"), 1);
        CountDownLatch inBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ServeSettings settings = ServerFixture.settings().withQueueCapacity(1).withMaxBatchRows(1);
        PolicyServer server = PolicyServer.start(settings, () -> ServedModel.load(dir, Optional.empty(), Device.cpu()),
                () -> {
                    inBatch.countDown();
                    await(release);
                }).awaitReady();
        // A runs (held in its batch), B waits in the queue of one, C is refused
        CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> post(server, CHAT));
        assertTrue(inBatch.await(30, TimeUnit.SECONDS), "A reached the engine");
        CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> post(server,
                CHAT.replace("\"max_tokens\": 3", "\"max_tokens\": 2")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.queued() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, server.queued(), "B waits in the queue");
        HttpResponse<String> c = post(server, CHAT);
        assertEquals(429, c.statusCode(), c.body());
        assertEquals("1", c.headers().firstValue("Retry-After").orElse(""));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.state() != PolicyServer.State.DRAINING && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(PolicyServer.State.DRAINING, server.state());
        HttpResponse<String> late = post(server, CHAT);
        assertEquals(503, late.statusCode(), "no new work while draining: " + late.body());
        release.countDown();
        assertEquals(200, a.get(60, TimeUnit.SECONDS).statusCode(), "the running request finished");
        assertEquals(200, b.get(60, TimeUnit.SECONDS).statusCode(), "the queued request finished");
        closing.get(60, TimeUnit.SECONDS);
        assertEquals(PolicyServer.State.CLOSED, server.state());
    }

    private static HttpResponse<String> post(PolicyServer server, String body) {
        try {
            return ServerFixture.post(HTTP, server, "/chat/completions", body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
