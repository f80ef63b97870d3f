package io.dno.annotators.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.annotators.cache.CachedAnnotator;
import io.dno.core.annotate.Annotator;
import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.Jsonl;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An annotator spec rebuilt in another process: same scores, its own cache file per process, serialisable. */
class SpecAnnotatorFactoryTest {
    @TempDir
    Path dir;

    @Test
    void eachProcessGetsTheSpecsAnnotatorWithItsOwnCacheFile() throws Exception {
        Path references = dir.resolve("gold.jsonl");
        Prompt p = Prompt.of("p1", "2+2");
        Jsonl.write(references, List.of(Demonstration.of(p, "4")));
        var section = TestYaml.mapper().readTree("{type: exact-match, references: " + references
                + ", cache: caches/judge.jsonl}");
        SpecAnnotatorFactory factory = SpecAnnotatorFactory.of(section, dir);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        }
        SpecAnnotatorFactory shipped;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (SpecAnnotatorFactory) in.readObject();
        }
        assertEquals(factory, shipped, "an executor's copy equals the driver's (it keeps one annotator per factory)");

        Annotator one = shipped.create("executor-1");
        Annotator two = shipped.create("executor-2");
        assertInstanceOf(CachedAnnotator.class, one);
        var judged = one.judge(p, List.of(Response.student("p1", "4"), Response.student("p1", "5")));
        assertEquals(List.of(6.0, 0.0), judged.scored().stream().map(s -> s.score()).toList());
        two.judge(p, List.of(Response.student("p1", "4")));
        assertTrue(Files.size(dir.resolve("caches/judge.executor-1.jsonl")) > 0);
        assertTrue(Files.size(dir.resolve("caches/judge.executor-2.jsonl")) > 0);
        assertFalse(Files.exists(dir.resolve("caches/judge.jsonl")), "no process appends to the shared name");
        ((AutoCloseable) one).close();
        ((AutoCloseable) two).close();
    }

    @Test
    void cacheNamesAndBadSpecs() {
        assertEquals("judge.executor-1.jsonl", SpecAnnotatorFactory.perProcess("judge.jsonl", "executor-1"));
        assertEquals("/a.b/cache.executor-0", SpecAnnotatorFactory.perProcess("/a.b/cache", "executor-0"));
        assertThrows(IllegalArgumentException.class, () -> SpecAnnotatorFactory.perProcess("c.jsonl", "../x"));
        var e = assertThrows(IllegalArgumentException.class, () -> SpecAnnotatorFactory.of(
                TestYaml.mapper().readTree("{type: exact-match}"), dir));
        assertTrue(e.getMessage().contains("references"), e.getMessage());
    }
}
