package io.dno.serve;

import ai.djl.Device;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Helpers for tests that run a {@link PolicyServer} in-process on a free loopback port. */
final class ServerFixture {
    static final String MODEL = "tiny";

    private ServerFixture() {}

    static PolicyServer start(Path modelDir, ServeSettings settings) throws InterruptedException {
        return PolicyServer.start(settings, () -> ServedModel.load(modelDir, Optional.empty(), Device.cpu())).awaitReady();
    }

    static ServeSettings settings() {
        return ServeSettings.defaults(MODEL, 0);
    }

    static HttpResponse<String> post(HttpClient http, PolicyServer server, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient http, PolicyServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
