package io.dno.annotators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.annotators.FakeChatServer.Raw;
import io.dno.annotators.chat.ApiKey;
import io.dno.annotators.chat.ChatException;
import io.dno.annotators.chat.OpenAiChatClient;
import io.dno.annotators.judge.ListwiseJudge;
import io.dno.annotators.spec.AnnotatorSpec;
import io.dno.annotators.spec.OpenAiJudgeSpec;
import io.dno.annotators.spec.TestYaml;
import io.dno.core.data.Prompt;
import io.dno.core.tokenize.ChatMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API key reaches the Authorization header and nowhere else: not names, toString, exceptions or logs. */
class ApiKeySecrecyTest {
    private static final String SECRET = "sk-test-7f3a9c1e5b2d4f6a8c0e";

    @Test
    void theKeyIsSentButNeverShown() throws Exception {
        // A hostile or buggy server that echoes the request's credentials in its error body.
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.always(r ->
                new Raw(401, "{\"error\": \"invalid key Bearer " + SECRET + "\"}", Map.of())))) {
            ApiKey key = ApiKey.fromEnvironment("DNO_TEST_KEY", Map.of("DNO_TEST_KEY", SECRET)::get);
            OpenAiChatClient client = new OpenAiChatClient(server.endpoint(), key);
            ChatException e = assertThrows(ChatException.class, () -> client.complete(List.of(ChatMessage.user("hi"))));
            assertEquals("Bearer " + SECRET, server.authorizations().get(0));
            assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
            assertFalse(key.toString().contains(SECRET), key.toString());
            assertTrue(key.toString().contains("DNO_TEST_KEY"));
            assertFalse(client.toString().contains(SECRET), client.toString());
            assertFalse(client.name().contains(SECRET));

            ListwiseJudge judge = new ListwiseJudge(client, io.dno.annotators.judge.Rubric.additive6(), false, 0);
            String logged = captureStandardError(() -> {
                Prompt p = Candidates.prompt("k");
                assertEquals(6, judge.judge(p, Candidates.six(p)).unannotated().size());
            });
            assertTrue(logged.contains("HTTP 401"), "the failure is logged: " + logged);
            assertFalse(logged.contains(SECRET), logged);
            assertFalse(judge.name().contains(SECRET) || judge.toString().contains(SECRET));
            assertFalse(judge.counters().toString().contains(SECRET));
        }
    }

    @Test
    void aSpecHoldsOnlyTheVariableName() throws Exception {
        OpenAiJudgeSpec spec = (OpenAiJudgeSpec) TestYaml.mapper().readValue("""
                type: openai
                base_url: http://127.0.0.1:9/v1
                model: m
                api_key_env: DNO_TEST_KEY
                """, AnnotatorSpec.class);
        assertFalse(spec.toString().contains(SECRET));
        ListwiseJudge judge = spec.buildUncached(Map.of("DNO_TEST_KEY", SECRET)::get);
        assertFalse(judge.toString().contains(SECRET));
        IllegalArgumentException unset = assertThrows(IllegalArgumentException.class,
                () -> spec.buildUncached(Map.<String, String>of()::get));
        assertTrue(unset.getMessage().contains("DNO_TEST_KEY") && unset.getMessage().contains("not set"),
                unset.getMessage());
    }

    private static String captureStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
