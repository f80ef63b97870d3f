package io.dno.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executors key their policy by path and content: an iterate rewritten at the same path hashes differently. */
class CheckpointHashTest {
    @TempDir
    Path dir;

    @Test
    void theHashFollowsTheContentNotThePath() throws Exception {
        Path a = Files.createDirectories(dir.resolve("iter-1/checkpoint"));
        Files.writeString(a.resolve("config.json"), "{}");
        Files.write(a.resolve("model.safetensors"), new byte[] {1, 2, 3});
        String first = CheckpointHash.of(a);
        assertEquals(first, CheckpointHash.of(a), "stable");

        Path b = Files.createDirectories(dir.resolve("copy"));
        Files.copy(a.resolve("config.json"), b.resolve("config.json"));
        Files.copy(a.resolve("model.safetensors"), b.resolve("model.safetensors"));
        assertEquals(first, CheckpointHash.of(b), "the same files elsewhere hash the same");

        Files.write(a.resolve("model.safetensors"), new byte[] {1, 2, 4});          // same size: retrained
        Files.setLastModifiedTime(a.resolve("model.safetensors"), FileTime.fromMillis(12345));
        assertNotEquals(first, CheckpointHash.of(a));

        assertThrows(IllegalArgumentException.class, () -> CheckpointHash.of(dir.resolve("missing")));
    }
}
