package io.dno.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.data.ScoredPrompt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("data.jsonl"), content);
    }

    private DataFileException readPromptsFailing(String content) throws IOException {
        Path f = file(content);
        return assertThrows(DataFileException.class, () -> DataFiles.readPrompts(f));
    }

    @Test
    void writesAndReadsBackRecordsSkippingBlankLinesAndCarriageReturns() throws IOException {
        List<Prompt> prompts = List.of(Prompt.of("a", "first"), Prompt.of("b", "second\nline"));
        Path f = dir.resolve("p.jsonl");
        Jsonl.write(f, prompts);
        assertEquals(prompts, DataFiles.readPrompts(f));
        Files.writeString(f, "{\"id\":\"a\",\"text\":\"x\"}\r\n\n   \n{\"id\":\"b\",\"text\":\"y\"}");
        assertEquals(List.of(Prompt.of("a", "x"), Prompt.of("b", "y")), DataFiles.readPrompts(f));
    }

    @Test
    void brokenJsonNamesFileAndLine() throws IOException {
        DataFileException e = readPromptsFailing("{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(dir.resolve("data.jsonl") + ":2: not valid JSON"), e.getMessage());
    }

    @Test
    void wrongTypeNamesTheField() throws IOException {
        DataFileException e = readPromptsFailing("{\"id\":\"a\",\"text\":[1,2]}\n");
        assertTrue(e.getMessage().contains(":1: field 'text'"), e.getMessage());
    }

    /** Issue 21: the natural guess "response": {"text": ...} used to fail with Jackson's START_OBJECT message. */
    @Test
    void aValueOfTheWrongShapeSaysWhatTheFieldMustBeAndWhatItIs() throws IOException {
        Path f = file("{\"prompt\": {\"id\": \"p1\", \"text\": \"hi\"}, \"response\": {\"text\": \"hello\"}}\n"
                + "{\"prompt\": \"hi\", \"response\": \"hello\"}\n");
        DataFileException e = assertThrows(DataFileException.class, () -> DataFiles.readDemonstrations(f));
        assertEquals(f + ":1: field 'response' must be a string, got an object: {\"text\":\"hello\"}", e.getMessage());

        Files.writeString(f, "{\"prompt\": \"hi\", \"response\": \"hello\"}\n");
        e = assertThrows(DataFileException.class, () -> DataFiles.readDemonstrations(f));
        assertEquals(f + ":1: field 'prompt' must be an object {\"id\", \"text\"}, got a string: \"hi\"", e.getMessage());

        Files.writeString(f, "{\"id\": \"p1\", \"text\": \"hello\"}\n");
        e = assertThrows(DataFileException.class, () -> DataFiles.readDemonstrations(f));
        assertEquals(f + ":1: field 'prompt' is missing (the object has id, text); a line is an object "
                + "{\"prompt\", \"response\"}", e.getMessage());
    }

    @Test
    void missingFieldNamesTheField() throws IOException {
        DataFileException e = readPromptsFailing("{\"id\":\"a\"}\n");
        assertTrue(e.getMessage().contains(":1:") && e.getMessage().contains("'text'"), e.getMessage());
    }

    @Test
    void unknownFieldNamesTheField() throws IOException {
        DataFileException e = readPromptsFailing("{\"id\":\"a\",\"text\":\"x\",\"txet\":\"y\"}\n");
        assertTrue(e.getMessage().contains("txet"), e.getMessage());
    }

    @Test
    void constructorRejectionNamesLineAndField() throws IOException {
        DataFileException e = readPromptsFailing("{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"\",\"text\":\"x\"}\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("field 'id'"), e.getMessage());
    }

    @Test
    void nestedProblemsNameThePath() throws IOException {
        Path f = file("{\"prompt\":{\"id\":\"p\",\"text\":\"x\"},\"candidates\":[{\"response\":"
                + "{\"promptId\":\"p\",\"text\":\"y\",\"origin\":\"robot\"},\"score\":1}]}\n");
        DataFileException e = assertThrows(DataFileException.class, () -> DataFiles.readScoredPrompts(f));
        assertTrue(e.getMessage().contains("field 'candidates[0].response.origin'"), e.getMessage());
    }

    @Test
    void duplicateKeysAreRejected() throws IOException {
        DataFileException e = readPromptsFailing("{\"id\":\"a\",\"id\":\"b\",\"text\":\"x\"}\n");
        assertTrue(e.getMessage().contains("id"), e.getMessage());
    }

    @Test
    void invalidUtf8NamesTheLine() throws IOException {
        Path f = dir.resolve("bad.jsonl");
        byte[] good = "{\"id\":\"a\",\"text\":\"x\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        byte[] all = new byte[good.length + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Files.write(f, all);
        DataFileException e = assertThrows(DataFileException.class, () -> DataFiles.readPrompts(f));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void duplicatePromptIdsNameBothLines() throws IOException {
        DataFileException e = readPromptsFailing(
                "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n{\"id\":\"a\",\"text\":\"z\"}\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void missingFileIsAClearError() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> DataFiles.readPrompts(dir.resolve("nope.jsonl")));
        assertTrue(e.getMessage().endsWith("nope.jsonl: does not exist: check the path"), e.getMessage());
    }

    @Test
    void pairsRoundTripWithTheirKindAndIteration() {
        Prompt p = Prompt.of("p", "q");
        List<PreferencePair> pairs = List.of(
                PreferencePair.of(p, Response.teacher("p", "t"), Response.student("p", "s"), 2, 1),
                PreferencePair.of(p, Response.student("p", "s2"), Response.student("p", "s"), 1, 3));
        Path f = dir.resolve("pairs.jsonl");
        Jsonl.write(f, pairs);
        assertEquals(pairs, DataFiles.readPairs(f));
    }

    @Test
    void scoredPromptsRoundTrip() {
        Prompt p = Prompt.of("p", "q");
        List<ScoredPrompt> values = List.of(new ScoredPrompt(p, List.of(
                new Scored(Response.teacher("p", "t"), 5, "good"), Scored.of(Response.student("p", "s"), 2))));
        Path f = dir.resolve("scored.jsonl");
        Jsonl.write(f, values);
        assertEquals(values, DataFiles.readScoredPrompts(f));
    }

    @Test
    void aFailedAtomicWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("artifact.jsonl");
        Files.writeString(target, "old content\n");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old content\n", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void atomicWriteReplacesContentAndCreatesDirectories() throws IOException {
        Path target = dir.resolve("a/b/stats.json");
        AtomicFiles.writeString(target, "one");
        AtomicFiles.writeString(target, "two");
        assertEquals("two", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }
}
