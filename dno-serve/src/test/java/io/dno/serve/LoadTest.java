package io.dno.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 concurrent chat requests from 16 client threads against a server with a queue of 12: every request is answered
 * (200, with a choice) or refused with 429, none is lost, the engine batched concurrent requests, and the server is
 * alive afterwards.
 */
class LoadTest {
    static final int REQUESTS = 200;
    static final int THREADS = 16;

    @Test
    void concurrentChatIsAnsweredOrRefusedWith429(@TempDir Path tmp) throws Exception {
        ServeSettings settings = ServerFixture.settings().withQueueCapacity(12).withMaxBatchRows(8);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        try (PolicyServer server = ServerFixture.start(TinyPolicyDir.write(tmp.resolve("tiny"), 5), settings)) {
            ExecutorService clients = Executors.newFixedThreadPool(THREADS);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                String body = "{\"model\": \"tiny\", \"messages\": [{\"role\": \"user\", \"content\": \"question " + i
                        + "\"}], \"max_tokens\": 4, \"temperature\": 0.7, \"seed\": " + i + "}";
                futures.add(clients.submit(() -> ServerFixture.post(http, server, "/chat/completions", body)));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
                statuses.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() == 200) {
                    assertEquals(1, Wire.MAPPER.readTree(r.body()).get("choices").size(), r.body());
                } else {
                    assertEquals(429, r.statusCode(), r.body());
                    assertEquals("queue_full", Wire.MAPPER.readTree(r.body()).get("error").get("code").asText());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            clients.shutdown();
            long[] batches = server.batchCounts();
            System.out.printf("load: %d requests from %d threads in %.2f s, statuses %s, %d batches holding %d rows "
                    + "(mean %.2f)%n", REQUESTS, THREADS, seconds, statuses, batches[0], batches[1],
                    batches[1] / (double) batches[0]);
            assertEquals(REQUESTS, statuses.values().stream().mapToInt(Integer::intValue).sum(), "none lost");
            assertTrue(statuses.getOrDefault(200, 0) > 0, "some were answered: " + statuses);
            assertEquals(statuses.getOrDefault(200, 0), (int) batches[1], "every answered request ran in a batch");
            assertTrue(batches[0] < batches[1], "concurrent requests shared batches: " + batches[0] + " batches for "
                    + batches[1] + " rows");
            HttpResponse<String> after = ServerFixture.get(http, server, "/models");
            assertEquals(200, after.statusCode(), "alive afterwards");
        }
    }
}
