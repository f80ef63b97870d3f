package io.dno.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 malformed requests (bad JSON, wrong types, huge n, negative max_tokens, prompts past the context, unknown
 * models and paths, unsupported features): each answered with a 4xx OpenAI error object, never a 500 or a hang
 * (every request has a 60 s client timeout); the server answers a good request afterwards.
 */
class MalformedRequestsTest {
    @TempDir
    static Path tmp;
    static PolicyServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = ServerFixture.start(TinyPolicyDir.write(tmp.resolve("tiny"), 3), ServerFixture.settings());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A malformed request: the path, the body and the status it must get. */
    record Bad(String path, String body, int status) {}

    static List<Bad> kinds(SplittableRandom rng) {
        String longPrompt = "x".repeat(TinyPolicyDir.CONTEXT + 10);             // one token per character
        String m = "\"model\": \"tiny\"";
        return List.of(
                new Bad("/chat/completions", "{" + m + ", \"messages\": [", 400),
                new Bad("/chat/completions", "not json at all " + rng.nextInt(), 400),
                new Bad("/chat/completions", "", 400),
                new Bad("/chat/completions", "[1, 2, 3]", 400),
                new Bad("/chat/completions", "{" + m + "} {}", 400),
                new Bad("/chat/completions", "{" + m + "}", 400),
                new Bad("/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", 400),
                new Bad("/chat/completions", "{" + m + ", \"messages\": \"hi\"}", 400),
                new Bad("/chat/completions", "{" + m + ", \"messages\": []}", 400),
                new Bad("/chat/completions", "{" + m + ", \"messages\": [{\"role\": \"wizard\", \"content\": \"hi\"}]}", 400),
                new Bad("/chat/completions", "{" + m + ", \"messages\": [{\"role\": \"user\", \"content\": 42}]}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"temperature\": \"hot\"}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"temperature\": " + (3 + rng.nextInt(100)) + "}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"top_p\": 0}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"n\": " + (17 + rng.nextInt(1_000_000)) + "}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"n\": 1.5}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"max_tokens\": " + (-1 - rng.nextInt(1000)) + "}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"max_tokens\": \"ten\"}", 400),
                new Bad("/chat/completions", "{" + m + ", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                        + "\"max_tokens\": " + (TinyPolicyDir.CONTEXT + rng.nextInt(100_000)) + "}", 413),
                new Bad("/chat/completions", "{" + m + ", \"messages\": [{\"role\": \"user\", \"content\": \"" + longPrompt
                        + "\"}]}", 413),
                new Bad("/chat/completions", msgs(m) + ", \"stop\": [1, 2]}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"stop\": [\"a\",\"b\",\"c\",\"d\",\"e\"]}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"seed\": \"abc\"}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"stream\": \"yes\"}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"top_logprobs\": 3}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"frequency_penalty\": 0.5}", 400),
                new Bad("/chat/completions", msgs(m) + ", \"tools\": [{\"type\": \"function\"}]}", 400),
                new Bad("/chat/completions", msgs("\"model\": \"gpt-" + rng.nextInt(10) + "\"") + "}", 404),
                new Bad("/completions", "{" + m + "}", 400),
                new Bad("/completions", "{" + m + ", \"prompt\": 12}", 400),
                new Bad("/completions", "{" + m + ", \"prompt\": []}", 400),
                new Bad("/completions", "{" + m + ", \"prompt\": [1, -" + (1 + rng.nextInt(9)) + "]}", 400),
                new Bad("/completions", "{" + m + ", \"prompt\": [1, " + (100_000 + rng.nextInt(1000)) + "]}", 400),
                new Bad("/completions", "{" + m + ", \"prompt\": [[1, 2], {}]}", 400),
                new Bad("/completions", "{" + m + ", \"prompt\": \"hi\", \"max_tokens\": -5}", 400),
                new Bad("/completions", "{" + m + ", \"prompt\": \"hi\", \"max_tokens\": 0}", 400),
                new Bad("/completions", "{" + m + ", \"prompt\": \"hi\", \"logprobs\": 99}", 400),
                new Bad("/completions", "{" + m + ", \"prompt\": \"hi\", \"echo\": 1}", 400),
                new Bad("/completions", "{" + m + ", \"prompt\": \"" + longPrompt + "\", \"max_tokens\": 1}", 413),
                new Bad("/completions", "{" + m + ", \"prompt\": \"hi\", \"max_tokens\": " + TinyPolicyDir.CONTEXT + "}", 413),
                new Bad("/completions", "{" + m + ", \"prompt\": \"hi\", \"n\": 9, \"best_of\": 3}", 400),
                new Bad("/completions", "{" + m + ", \"prompt\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"], "
                        + "\"n\": 16}", 400),
                new Bad("/completions", "{\"model\": [\"tiny\"], \"prompt\": \"hi\"}", 400),
                new Bad("/embeddings", "{" + m + ", \"input\": \"hi\"}", 404),
                new Bad("/chat/completions", "{" + m + ", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                        + "\"n\": 1, \"n\": 2}", 400),
                new Bad("/chat/completions", "{" + m + ", \"messages\": " + "[".repeat(200) + "]".repeat(200) + "}", 400));
    }

    private static String msgs(String model) {
        return "{" + model + ", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 2";
    }

    @Test
    void everyMalformedRequestGetsA4xxErrorObject() throws Exception {
        SplittableRandom rng = new SplittableRandom(19);
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        long start = System.nanoTime();
        while (sent < 1000) {
            for (Bad bad : kinds(rng)) {
                if (sent == 1000) {
                    break;
                }
                HttpResponse<String> r = ServerFixture.post(HTTP, server, bad.path(), bad.body());
                sent++;
                assertEquals(bad.status(), r.statusCode(), bad + " -> " + r.body());
                JsonNode error = Wire.MAPPER.readTree(r.body()).get("error");
                assertTrue(error != null && error.get("message").isTextual() && error.get("type").isTextual()
                        && error.has("param") && error.has("code"), "an OpenAI error object: " + r.body());
                statuses.merge(r.statusCode(), 1, Integer::sum);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("malformed requests: %d sent, statuses %s, %.2f s%n", sent, statuses, seconds);
        assertEquals(1000, statuses.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(statuses.keySet().containsAll(List.of(400, 404, 413)), "the kinds covered 400, 404 and 413: " + statuses);
        HttpResponse<String> ok = ServerFixture.post(HTTP, server, "/chat/completions", msgs("\"model\": \"tiny\"") + "}");
        assertEquals(200, ok.statusCode(), ok.body());
        List<String> wrongMethod = new ArrayList<>();
        HttpResponse<String> get = ServerFixture.get(HTTP, server, "/chat/completions");
        wrongMethod.add(get.statusCode() + "");
        assertEquals(405, get.statusCode(), get.body());
    }
}
