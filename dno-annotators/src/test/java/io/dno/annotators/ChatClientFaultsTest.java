package io.dno.annotators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.annotators.FakeChatServer.Content;
import io.dno.annotators.FakeChatServer.Delayed;
import io.dno.annotators.FakeChatServer.Drop;
import io.dno.annotators.FakeChatServer.Raw;
import io.dno.annotators.chat.ApiKey;
import io.dno.annotators.chat.ChatEndpoint;
import io.dno.annotators.chat.ChatException;
import io.dno.annotators.chat.OpenAiChatClient;
import io.dno.annotators.judge.ListwiseJudge;
import io.dno.annotators.judge.Rubric;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.tokenize.ChatMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Injected faults: each is retried or counted, nothing is mis-assigned, and the judge goes on. Back-off goes through
 * a {@link RecordingRetryClock}: the tests read the waits the client asked for and never sleep them. (The one real
 * wait is the request timeout of the first test: a stalled reply is abandoned after 500 ms.)
 */
class ChatClientFaultsTest {
    private static final List<ChatMessage> HELLO = List.of(ChatMessage.user("hello"));
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void timeoutsResetsAnd5xxAreRetriedUntilAnAnswerComes() throws Exception {
        List<FakeChatServer.Reply> faults = List.of(
                new Delayed(Duration.ofSeconds(30), new Content("too late")),
                new Drop(),
                new Raw(500, "{\"error\": \"boom\"}", Map.of()),
                new Raw(200, "{\"choices\": [{\"message\": {\"content\": \"cut", Map.of()));
        try (FakeChatServer server = new FakeChatServer((n, r) -> n < faults.size() ? faults.get(n) : new Content("fine"))) {
            ChatEndpoint endpoint = server.endpoint()
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500))
                    .withRetries(4, Duration.ofMillis(1), Duration.ofMillis(5));
            RecordingRetryClock clock = new RecordingRetryClock(NOW);
            OpenAiChatClient client = new OpenAiChatClient(endpoint, ApiKey.none(), clock);
            assertEquals("fine", client.complete(HELLO));
            // exponential back-off with equal jitter from 1 ms, capped at 5 ms: [0.5, 1], [1, 2], [2, 4], [2.5, 5] ms
            List<Duration> waits = clock.waits();
            assertEquals(4, waits.size(), waits::toString);
            long[][] ranges = {{500_000, 1_000_000}, {1_000_000, 2_000_000}, {2_000_000, 4_000_000},
                {2_500_000, 5_000_000}};
            for (int i = 0; i < 4; i++) {
                long nanos = waits.get(i).toNanos();
                assertTrue(nanos >= ranges[i][0] && nanos <= ranges[i][1], "back-off " + (i + 1) + ": " + waits);
            }
            Map<String, Double> c = client.counters();
            assertEquals(5.0, c.get("requests"));
            assertEquals(4.0, c.get("retries"));
            assertEquals(1.0, c.get("timeouts"));
            assertEquals(1.0, c.get("connection_errors"));
            assertEquals(1.0, c.get("http_5xx"));
            assertEquals(1.0, c.get("malformed_responses"));
            assertEquals(null, c.get("failures"));
        }
    }

    @Test
    void retryAfterInSecondsIsHonoured() throws Exception {
        try (FakeChatServer server = new FakeChatServer((n, r) -> n == 0
                ? new Raw(429, "{\"error\": \"rate limited\"}", Map.of("Retry-After", "1")) : new Content("after the wait"))) {
            ChatEndpoint endpoint = server.endpoint().withRetries(2, Duration.ofMillis(1), Duration.ofSeconds(5));
            RecordingRetryClock clock = new RecordingRetryClock(NOW);
            OpenAiChatClient client = new OpenAiChatClient(endpoint, ApiKey.none(), clock);
            assertEquals("after the wait", client.complete(HELLO));
            assertEquals(List.of(Duration.ofSeconds(1)), clock.waits(), "Retry-After: 1 delays the retry by a second");
            assertEquals(1.0, client.counters().get("http_429"));
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsHonouredAndCappedByTheMaximumBackOff() throws Exception {
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.atZone(ZoneOffset.UTC).plusHours(1));
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.atZone(ZoneOffset.UTC).plusSeconds(2));
        try (FakeChatServer server = new FakeChatServer((n, r) -> switch (n) {
            case 0 -> new Raw(503, "busy", Map.of("Retry-After", inAnHour));
            case 1 -> new Raw(503, "busy", Map.of("Retry-After", inTwoSeconds));
            default -> new Content("ok");
        })) {
            ChatEndpoint endpoint = server.endpoint().withRetries(2, Duration.ofMillis(1), Duration.ofSeconds(5));
            RecordingRetryClock clock = new RecordingRetryClock(NOW);
            OpenAiChatClient client = new OpenAiChatClient(endpoint, ApiKey.none(), clock);
            assertEquals("ok", client.complete(HELLO));
            // an hour away is capped at the 5 s maximum back-off; then the clock stands at NOW + 5 s, past the
            // second date (NOW + 2 s), so that one asks for nothing and the jittered back-off (0.5 to 2 ms) applies
            List<Duration> waits = clock.waits();
            assertEquals(2, waits.size(), waits::toString);
            assertEquals(Duration.ofSeconds(5), waits.get(0), "capped by the maximum back-off, not an hour");
            assertTrue(waits.get(1).compareTo(Duration.ofMillis(2)) <= 0, "a date in the past: " + waits);
        }
    }

    @Test
    void clientErrorsAreNotRetried() throws Exception {
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.always(r -> new Raw(400, "{\"error\": \"bad model\"}",
                Map.of())))) {
            OpenAiChatClient client = new OpenAiChatClient(server.endpoint(), ApiKey.none());
            ChatException e = assertThrows(ChatException.class, () -> client.complete(HELLO));
            assertTrue(e.getMessage().contains("HTTP 400") && e.getMessage().contains("bad model"), e.getMessage());
            assertEquals(1, server.requests());
            assertEquals(1.0, client.counters().get("failures"));
        }
    }

    @Test
    void whenRetriesRunOutTheCandidatesAreUnannotatedAndTheJudgeGoesOn() throws Exception {
        try (FakeChatServer server = new FakeChatServer((n, r) -> n < 4 ? new Raw(500, "down", Map.of())
                : new Content(HonestJudge.reply(r)))) {
            ListwiseJudge judge = Annotators.openAi(server.endpoint(), ApiKey.none(), Rubric.additive6(), false, 0);
            Prompt lost = Candidates.prompt("lost");
            Judgement j = judge.judge(lost, Candidates.six(lost));
            assertEquals(List.of(), j.scored());
            assertEquals(Candidates.six(lost), j.unannotated());
            Prompt next = Candidates.prompt("next");
            Judgement ok = judge.judge(next, Candidates.six(next));
            assertEquals(6, ok.scored().size());
            ok.scored().forEach(s -> assertEquals(HonestJudge.worth(s.text()), s.score(), 0.0));
            Map<String, Double> c = judge.counters();
            assertEquals(5.0, c.get("requests"), "1 + 3 retries for the lost prompt, 1 for the next");
            assertEquals(1.0, c.get("failures"));
            assertEquals(1.0, c.get("failed_calls"));
            assertEquals(6.0, c.get("unannotated"));
            assertEquals(6.0, c.get("scored"));
        }
    }
}
