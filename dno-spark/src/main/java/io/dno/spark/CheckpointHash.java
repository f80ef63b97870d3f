package io.dno.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content hash of a checkpoint directory: SHA-256 over every file's relative path and bytes, in path order.
 * Executors key their cached policy by path and hash, so an iterate rewritten at the same path (a rollback, then
 * training again) is loaded afresh. The driver hashes each checkpoint once (memoised by path, sizes and modification
 * times): one read of the iterate per iteration.
 */
final class CheckpointHash {
    private static final Map<String, String> MEMO = new ConcurrentHashMap<>();

    private CheckpointHash() {}

    static String of(Path dir) {
        List<Path> files = files(dir);
        StringBuilder stamp = new StringBuilder(dir.toAbsolutePath().toString());
        try {
            for (Path f : files) {
                stamp.append('|').append(dir.relativize(f)).append(':').append(Files.size(f)).append(':')
                        .append(Files.getLastModifiedTime(f).toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + dir + ": " + e.getMessage(), e);
        }
        return MEMO.computeIfAbsent(stamp.toString(), s -> digest(dir, files));
    }

    private static String digest(Path dir, List<Path> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 20];
        for (Path f : files) {
            sha.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a checkpoint directory: the stage's iterate must be "
                    + "saved before a distributed engine can use it");
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }
}
