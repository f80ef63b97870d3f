package io.dno.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.annotators.Annotators;
import io.dno.annotators.chat.ApiKey;
import io.dno.annotators.chat.ChatEndpoint;
import io.dno.annotators.chat.OpenAiChatClient;
import io.dno.annotators.judge.ListwiseJudge;
import io.dno.annotators.judge.Rubric;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dno's own judge (the annotators' OpenAI chat client under the listwise rubric judge) against a served tiny policy:
 * the whole protocol path works, and a random model's unreadable verdicts leave candidates unannotated rather than
 * guessed.
 */
class ListwiseJudgeOverServerTest {

    @Test
    void theListwiseJudgeTalksToTheServedPolicy(@TempDir Path tmp) throws Exception {
        try (PolicyServer server = ServerFixture.start(TinyPolicyDir.write(tmp.resolve("tiny"), 9),
                ServerFixture.settings())) {
            ChatEndpoint endpoint = ChatEndpoint.of(URI.create(server.baseUrl()), ServerFixture.MODEL).withMaxTokens(24);
            String text = new OpenAiChatClient(endpoint, ApiKey.none())
                    .complete(List.of(io.dno.core.tokenize.ChatMessage.user("Hello")));
            assertTrue(text.length() <= 24, "a reply of at most 24 one-character tokens: " + text);

            ListwiseJudge judge = Annotators.openAi(endpoint, ApiKey.none(), Rubric.additive6(), true, 0);
            Prompt prompt = Prompt.of("p1", "What is 2 + 2?");
            List<Response> candidates = List.of(Response.student("p1", "4"), Response.student("p1", "five"),
                    Response.teacher("p1", "2 + 2 = 4."));
            Judgement j = judge.judge(prompt, candidates);
            List<String> seen = new ArrayList<>();
            j.scored().stream().map(Scored::text).forEach(seen::add);
            j.unannotated().stream().map(Response::text).forEach(seen::add);
            assertEquals(candidates.stream().map(Response::text).sorted().toList(), seen.stream().sorted().toList(),
                    "every candidate comes back once, scored or unannotated");
            for (Scored s : j.scored()) {
                assertTrue(s.score() >= 0 && s.score() <= 6, "a score on the rubric's scale: " + s.score());
            }
            Map<String, Double> counters = judge.counters();
            assertEquals(2.0, counters.get("judge_calls"), "two passes: " + counters);
            assertFalse(counters.containsKey("failed_calls") && counters.get("failed_calls") > 0,
                    "the server answered every call: " + counters);
        }
    }
}
