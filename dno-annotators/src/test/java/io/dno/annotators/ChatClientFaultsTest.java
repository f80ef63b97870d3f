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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Injected faults: each is retried or counted, nothing is mis-assigned, and the judge goes on. */
class ChatClientFaultsTest {
    private static final List<ChatMessage> HELLO = List.of(ChatMessage.user("hello"));

    @Test
    void timeoutsResetsAnd5xxAreRetriedUntilAnAnswerComes() throws Exception {
        List<FakeChatServer.Reply> faults = List.of(
                new Delayed(Duration.ofMillis(600), new Content("too late")),
                new Drop(),
                new Raw(500, "{\"error\": \"boom\"}", Map.of()),
                new Raw(200, "{\"choices\": [{\"message\": {\"content\": \"cut", Map.of()));
        try (FakeChatServer server = new FakeChatServer((n, r) -> n < faults.size() ? faults.get(n) : new Content("fine"))) {
            ChatEndpoint endpoint = server.endpoint()
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200))
                    .withRetries(4, Duration.ofMillis(1), Duration.ofMillis(5));
            OpenAiChatClient client = new OpenAiChatClient(endpoint, ApiKey.none());
            assertEquals("fine", client.complete(HELLO));
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
            OpenAiChatClient client = new OpenAiChatClient(endpoint, ApiKey.none());
            long start = System.nanoTime();
            assertEquals("after the wait", client.complete(HELLO));
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMs >= 950, "Retry-After: 1 must delay the retry by a second, waited " + waitedMs + " ms");
            assertEquals(1.0, client.counters().get("http_429"));
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsHonouredAndCappedByTheMaximumBackOff() throws Exception {
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        try (FakeChatServer server = new FakeChatServer((n, r) -> n == 0
                ? new Raw(503, "busy", Map.of("Retry-After", inAnHour)) : new Content("ok"))) {
            ChatEndpoint endpoint = server.endpoint().withRetries(2, Duration.ofMillis(1), Duration.ofMillis(300));
            OpenAiChatClient client = new OpenAiChatClient(endpoint, ApiKey.none());
            long start = System.nanoTime();
            assertEquals("ok", client.complete(HELLO));
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMs >= 280 && waitedMs < 5_000, "waited the capped 300 ms, not an hour: " + waitedMs);
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
