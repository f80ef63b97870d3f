package io.dno.annotators.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dno.core.data.Prompt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendOnlyJsonlTest {
    @TempDir
    Path dir;

    @Test
    void appendsLinesAndLoadsThemBack() {
        AppendOnlyJsonl file = new AppendOnlyJsonl(dir.resolve("a/b.jsonl"));
        assertEquals(List.of(), file.load(Prompt.class));
        file.append(List.of(Prompt.of("1", "one"), Prompt.of("2", "two")));
        file.append(List.of(Prompt.of("3", "three")));
        assertEquals(List.of(Prompt.of("1", "one"), Prompt.of("2", "two"), Prompt.of("3", "three")), file.load(Prompt.class));
    }

    @Test
    void aCompleteLastLineMissingOnlyItsNewlineIsKept() throws Exception {
        Path path = dir.resolve("p.jsonl");
        Files.writeString(path, "{\"id\":\"1\",\"text\":\"one\"}\n{\"id\":\"2\",\"text\":\"two\"}");
        AppendOnlyJsonl file = new AppendOnlyJsonl(path);
        assertEquals(2, file.load(Prompt.class).size());
        file.append(List.of(Prompt.of("3", "three")));
        assertEquals(3, file.load(Prompt.class).size());
    }

    @Test
    void aLastLineCutInsideAMultiByteCharacterIsDropped() throws Exception {
        Path path = dir.resolve("p.jsonl");
        byte[] good = "{\"id\":\"1\",\"text\":\"one\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] torn = "{\"id\":\"2\",\"text\":\"é".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(good, good.length + torn.length - 1);
        System.arraycopy(torn, 0, bytes, good.length, torn.length - 1);
        Files.write(path, bytes);
        assertEquals(List.of(Prompt.of("1", "one")), new AppendOnlyJsonl(path).load(Prompt.class));
        assertEquals(good.length, Files.size(path));
    }
}
