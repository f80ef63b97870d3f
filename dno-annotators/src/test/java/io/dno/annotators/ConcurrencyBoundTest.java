package io.dno.annotators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dno.annotators.FakeChatServer.Content;
import io.dno.annotators.FakeChatServer.HeldUntilInFlight;
import io.dno.annotators.chat.ApiKey;
import io.dno.annotators.judge.ListwiseJudge;
import io.dno.annotators.judge.Rubric;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A burst of concurrent judge calls has exactly the bound of requests in flight at once, and loses none. */
class ConcurrencyBoundTest {

    @Test
    void theServerSeesExactlyTheBoundInFlight() throws Exception {
        int bound = 3;
        int callers = 16;
        // each request waits until the bound is in flight: a client that keeps to the bound reaches it exactly; one
        // that serialises its calls reaches 1 (after the 10 s hold), one that ignores the bound goes past it
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.always(r ->
                new HeldUntilInFlight(bound, Duration.ofSeconds(10), new Content(HonestJudge.reply(r)))))) {
            ListwiseJudge judge = Annotators.openAi(server.endpoint().withConcurrency(bound), ApiKey.none(),
                    Rubric.additive6(), false, 0);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Judgement>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Prompt prompt = Candidates.prompt("burst" + i);
                results.add(pool.submit(() -> {
                    start.await();
                    return judge.judge(prompt, Candidates.six(prompt));
                }));
            }
            start.countDown();
            for (int i = 0; i < callers; i++) {
                Judgement j = results.get(i).get();
                assertEquals("burst" + i, j.prompt().id());
                assertEquals(6, j.scored().size(), "no response lost");
                j.scored().forEach(s -> assertEquals(HonestJudge.worth(s.text()), s.score(), 0.0));
            }
            pool.shutdown();
            assertEquals(callers, server.requests());
            assertEquals(bound, server.maxInFlight(), "requests in flight at once");
        }
    }
}
