package io.dno.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Prompt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlJournalTest {
    @TempDir
    Path tmp;

    @Test
    void recordsSurviveReopeningAndATornLastLineIsCutOff() throws Exception {
        Path file = tmp.resolve("j.jsonl");
        try (JsonlJournal<Prompt> j = JsonlJournal.open(file, Prompt.class)) {
            assertEquals(List.of(), j.recovered());
            j.append(Prompt.of("a", "x"));
            j.append(Prompt.of("b", "y"));
        }
        Files.writeString(file, "{\"id\":\"c\",\"te", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (JsonlJournal<Prompt> j = JsonlJournal.open(file, Prompt.class)) {
            assertEquals(List.of(Prompt.of("a", "x"), Prompt.of("b", "y")), j.recovered());
            j.append(Prompt.of("c", "z"));
        }
        assertEquals(3, Jsonl.read(file, Prompt.class).size(), "the torn bytes are gone, the new record is whole");
    }

    @Test
    void appendAllWritesEveryRecordAndTheFileAppearsOnlyThen() {
        Path file = tmp.resolve("a/b.jsonl");
        try (JsonlJournal<Prompt> j = JsonlJournal.open(file, Prompt.class)) {
            assertEquals(List.of(), j.recovered());
            j.appendAll(List.of());
            assertFalse(Files.exists(file), "nothing appended, no file");
            j.appendAll(List.of(Prompt.of("1", "one"), Prompt.of("2", "two")));
            j.append(Prompt.of("3", "three"));
        }
        try (JsonlJournal<Prompt> j = JsonlJournal.open(file, Prompt.class)) {
            assertEquals(List.of(Prompt.of("1", "one"), Prompt.of("2", "two"), Prompt.of("3", "three")), j.recovered());
        }
    }

    @Test
    void aCompleteLastLineMissingOnlyItsNewlineIsKept() throws Exception {
        Path file = tmp.resolve("p.jsonl");
        Files.writeString(file, "{\"id\":\"1\",\"text\":\"one\"}\n{\"id\":\"2\",\"text\":\"two\"}");
        try (JsonlJournal<Prompt> j = JsonlJournal.open(file, Prompt.class)) {
            assertEquals(2, j.recovered().size());
            j.append(Prompt.of("3", "three"));
        }
        assertEquals(3, Jsonl.read(file, Prompt.class).size());
    }

    @Test
    void aLastLineCutInsideAMultiByteCharacterIsDropped() throws Exception {
        Path file = tmp.resolve("p.jsonl");
        byte[] good = "{\"id\":\"1\",\"text\":\"one\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] torn = "{\"id\":\"2\",\"text\":\"\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(good, good.length + torn.length - 1);
        System.arraycopy(torn, 0, bytes, good.length, torn.length - 1);
        Files.write(file, bytes);
        try (JsonlJournal<Prompt> j = JsonlJournal.open(file, Prompt.class)) {
            assertEquals(List.of(Prompt.of("1", "one")), j.recovered());
        }
        assertEquals(good.length, Files.size(file));
    }

    @Test
    void aCorruptLineBeforeTheLastIsAnErrorNamingTheLine() throws Exception {
        Path file = tmp.resolve("j.jsonl");
        Files.writeString(file, "{\"id\":\"a\",\"text\":\"x\"}\n{broken\n{\"id\":\"b\",\"text\":\"y\"}\n");
        DataFileException e = assertThrows(DataFileException.class, () -> JsonlJournal.open(file, Prompt.class));
        assertEquals(2, e.line());
        assertTrue(Files.readString(file).contains("broken"), "nothing is silently dropped");
    }

    @Test
    void writeDirectoryReplacesAtomicallyAndStaleTemporariesAreRemoved() throws Exception {
        Path dir = tmp.resolve("ckpt");
        AtomicFiles.writeDirectory(dir, d -> Files.writeString(d.resolve("a.txt"), "one"));
        AtomicFiles.writeDirectory(dir, d -> Files.writeString(d.resolve("b.txt"), "two"));
        assertEquals(List.of("b.txt"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
        assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.writeDirectory(dir, d -> {
            throw new java.io.IOException("disk full");
        }));
        assertEquals("two", Files.readString(dir.resolve("b.txt")), "a failed write leaves the old directory");
        Files.createDirectories(tmp.resolve(".ckpt.tmp-123"));
        AtomicFiles.removeStaleTemporaries(tmp);
        assertEquals(List.of("ckpt"), Files.list(tmp).map(p -> p.getFileName().toString()).sorted().toList()
                .stream().filter(n -> !n.equals("j.jsonl")).toList());
    }
}
