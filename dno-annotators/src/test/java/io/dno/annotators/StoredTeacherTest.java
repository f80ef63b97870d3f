package io.dno.annotators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.annotators.FakeChatServer.Content;
import io.dno.annotators.FakeChatServer.Raw;
import io.dno.annotators.chat.ApiKey;
import io.dno.annotators.teacher.StoredTeacher;
import io.dno.annotators.teacher.TeacherException;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.DataFileException;
import io.dno.core.io.DataFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gold answers over the chat endpoint: generated once, stored, resumable after failures. */
class StoredTeacherTest {
    @TempDir
    Path dir;

    private static String echo(JsonNode request) {
        return "gold answer to: " + FakeChatServer.userMessage(request);
    }

    @Test
    void answersAreStoredAndNeverRequestedTwice() throws Exception {
        Path file = dir.resolve("teacher.jsonl");
        List<Prompt> prompts = List.of(Prompt.of("a", "first?"), Prompt.of("b", "second?"), Prompt.of("c", "third?"));
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.always(r -> new Content(echo(r))))) {
            StoredTeacher teacher = Teachers.openAi(server.endpoint(), ApiKey.none(), Optional.of("Be brief."), file);
            List<Response> answers = teacher.answer(prompts);
            assertEquals(List.of(Response.teacher("a", "gold answer to: first?"), Response.teacher("b", "gold answer to: second?"),
                    Response.teacher("c", "gold answer to: third?")), answers);
            assertEquals("Be brief.", FakeChatServer.systemMessage(server.bodies().get(0)));
            assertEquals(3, DataFiles.readDemonstrations(file).size(), "stored as demonstrations");

            StoredTeacher again = Teachers.openAi(server.endpoint(), ApiKey.none(), Optional.of("Be brief."), file);
            assertEquals(answers, again.answer(prompts));
            assertEquals(3, server.requests(), "no prompt was asked twice");
        }
    }

    @Test
    void aRunThatFailsHalfWayResumesWithTheMissingPromptsOnly() throws Exception {
        Path file = dir.resolve("teacher.jsonl");
        List<Prompt> prompts = List.of(Prompt.of("a", "ok"), Prompt.of("b", "fail"), Prompt.of("c", "ok too"));
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.always(r ->
                FakeChatServer.userMessage(r).equals("fail") ? new Raw(400, "rejected", Map.of()) : new Content(echo(r))))) {
            StoredTeacher teacher = Teachers.openAi(server.endpoint(), ApiKey.none(), Optional.empty(), file);
            TeacherException e = assertThrows(TeacherException.class, () -> teacher.answer(prompts));
            assertTrue(e.getMessage().startsWith("1 of 3 prompts got no teacher answer"), e.getMessage());
            assertTrue(e.getMessage().contains("'b'"), e.getMessage());
            assertEquals(2, teacher.size());

            server.behaviour(FakeChatServer.always(r -> new Content(echo(r))));
            StoredTeacher resumed = Teachers.openAi(server.endpoint(), ApiKey.none(), Optional.empty(), file);
            assertEquals(Response.teacher("b", "gold answer to: fail"), resumed.answer(prompts).get(1));
            assertEquals(4, server.requests(), "a, b (failed), c, then only b again");
        }
    }

    @Test
    void aStoredAnswerToAnotherPromptTextIsAnError() throws Exception {
        Path file = dir.resolve("teacher.jsonl");
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.always(r -> new Content(echo(r))))) {
            Teachers.openAi(server.endpoint(), ApiKey.none(), Optional.empty(), file).answer(List.of(Prompt.of("a", "old")));
            StoredTeacher teacher = Teachers.openAi(server.endpoint(), ApiKey.none(), Optional.empty(), file);
            DataFileException e = assertThrows(DataFileException.class,
                    () -> teacher.answer(List.of(Prompt.of("a", "new text"))));
            assertTrue(e.getMessage().contains("prompt 'a'") && e.getMessage().contains("different prompt text"),
                    e.getMessage());
        }
    }
}
