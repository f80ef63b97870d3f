package io.dno.annotators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.annotators.FakeChatServer.Content;
import io.dno.annotators.cache.CachedAnnotator;
import io.dno.annotators.chat.ApiKey;
import io.dno.annotators.judge.Rubric;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.DataFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent cache: reruns cost nothing, only missing candidates are sent, crashes leave a usable file. */
class CachedAnnotatorTest {
    @TempDir
    Path dir;

    private static Annotator judge(FakeChatServer server) {
        return Annotators.openAi(server.endpoint(), ApiKey.none(), Rubric.additive6(), false, 3);
    }

    private static List<Prompt> prompts(int n) {
        List<Prompt> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Candidates.prompt("q" + i));
        }
        return out;
    }

    @Test
    void aRerunOfAnAnnotatedSetMakesZeroRequests() throws Exception {
        Path cache = dir.resolve("cache/judge.jsonl");
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.always(r -> new Content(HonestJudge.reply(r))))) {
            List<Judgement> first = new ArrayList<>();
            CachedAnnotator cached = Annotators.cached(judge(server), cache);
            for (Prompt p : prompts(4)) {
                first.add(cached.judge(p, Candidates.six(p)));
            }
            assertEquals(4, server.requests());
            assertEquals(24, Files.readAllLines(cache).size());

            CachedAnnotator rerun = Annotators.cached(judge(server), cache); // a new process: loads the file
            for (int i = 0; i < 4; i++) {
                Prompt p = prompts(4).get(i);
                Judgement again = rerun.judge(p, Candidates.six(p));
                assertEquals(first.get(i), again, "same scores and justifications from the cache");
            }
            assertEquals(4, server.requests(), "the rerun made zero requests");
            Map<String, Double> c = rerun.counters();
            assertEquals(24.0, c.get("cache_hits"));
            assertEquals(null, c.get("cache_misses"));
        }
    }

    @Test
    void onlyMissingCandidatesAreSentAndUnannotatedOnesAreNotCached() throws Exception {
        Path cache = dir.resolve("judge.jsonl");
        Prompt p = Candidates.prompt("partial");
        List<Response> six = Candidates.six(p);
        // First the judge drops the teacher's entry: 5 scored, 1 unannotated.
        try (FakeChatServer server = new FakeChatServer((n, r) -> {
            ObjectNode reply = HonestJudge.scores(r);
            if (n == 0) {
                ArrayNode scores = (ArrayNode) reply.path("scores");
                for (int i = 0; i < scores.size(); i++) {
                    if (scores.get(i).path("score").asInt() == 6) {
                        scores.remove(i);
                        break;
                    }
                }
            }
            return new Content(reply.toString());
        })) {
            CachedAnnotator cached = Annotators.cached(judge(server), cache);
            Judgement j = cached.judge(p, six);
            assertEquals(List.of(six.get(5)), j.unannotated());
            assertEquals(5, Files.readAllLines(cache).size(), "the unannotated candidate is not cached");

            List<Response> withNew = new ArrayList<>(six);
            withNew.add(Response.student(p.id(), "a new sample, worth 3"));
            withNew.add(Response.student(p.id(), "a new sample, worth 3")); // same text twice: sent once
            Judgement second = Annotators.cached(judge(server), cache).judge(p, withNew);
            assertEquals(2, server.requests());
            assertEquals(2, HonestJudge.blocks(server.bodies().get(1)).size(),
                    "only the teacher answer and the new text were sent");
            assertEquals(List.of(), second.unannotated());
            assertEquals(8, second.scored().size());
            for (int i = 0; i < 8; i++) {
                assertEquals(withNew.get(i), second.scored().get(i).response());
                assertEquals(HonestJudge.worth(withNew.get(i).text()), second.scored().get(i).score(), 0.0);
            }
        }
    }

    @Test
    void aTornLastLineIsDroppedAndACorruptMiddleLineIsAnError() throws Exception {
        Path cache = dir.resolve("judge.jsonl");
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.always(r -> new Content(HonestJudge.reply(r))))) {
            Prompt p = Candidates.prompt("crash");
            Annotators.cached(judge(server), cache).judge(p, Candidates.six(p));
            String intact = Files.readString(cache);
            Files.writeString(cache, "{\"key\": \"00", StandardOpenOption.APPEND); // crash mid-write

            CachedAnnotator reloaded = Annotators.cached(judge(server), cache);
            assertEquals(6, reloaded.size());
            assertEquals(intact, Files.readString(cache), "the file was repaired to its last complete line");
            reloaded.judge(p, Candidates.six(p));
            assertEquals(1, server.requests());

            List<String> lines = new ArrayList<>(Files.readAllLines(cache));
            lines.set(2, "{not json");
            Files.writeString(cache, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            DataFileException e = assertThrows(DataFileException.class, () -> Annotators.cached(judge(server), cache));
            assertEquals(3, e.line());
            assertTrue(e.getMessage().startsWith(cache + ":3:"), e.getMessage());
        }
    }

    @Test
    void differentJudgesDoNotShareEntries() throws Exception {
        Path cache = dir.resolve("shared.jsonl");
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.always(r -> new Content(HonestJudge.reply(r))))) {
            Prompt p = Candidates.prompt("two-judges");
            Annotators.cached(judge(server), cache).judge(p, Candidates.six(p));
            Annotator other = Annotators.openAi(server.endpoint(), ApiKey.none(), Rubric.tenPoint(), false, 3);
            Annotators.cached(other, cache).judge(p, Candidates.six(p));
            assertEquals(2, server.requests(), "a judge with another rubric is asked again");
        }
    }
}
