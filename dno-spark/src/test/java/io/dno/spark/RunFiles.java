package io.dno.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Compares two run directories file by file, byte for byte, leaving out what is allowed to differ. */
final class RunFiles {
    /** Wall times, and the provenance and reports that hold them or the engine's name. */
    static final Set<String> DIFFERING = Set.of("timings.json", "stats.json", "run.json", "report.md", "report.json");

    private RunFiles() {}

    /** The relative paths of every file of {@code root} (not in {@link #DIFFERING}). */
    static Set<String> files(Path root) {
        try (var walk = Files.walk(root)) {
            Set<String> out = new TreeSet<>();
            walk.filter(Files::isRegularFile).map(root::relativize)
                    .filter(p -> !DIFFERING.contains(p.getFileName().toString())).forEach(p -> out.add(p.toString()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both runs hold the same files with the same bytes; returns how many files were compared. */
    static int assertIdentical(Path expected, Path actual) {
        Set<String> names = files(expected);
        assertEquals(names, files(actual), "the runs hold other files");
        for (String name : names) {
            try {
                assertArrayEquals(Files.readAllBytes(expected.resolve(name)), Files.readAllBytes(actual.resolve(name)),
                        name + " differs between " + expected + " and " + actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names.size();
    }

    /** Every artifact the issue names is among the compared files of iteration {@code t}. */
    static List<String> artifacts(int t) {
        return List.of("iter-" + t + "/samples.jsonl", "iter-" + t + "/annotations.jsonl", "iter-" + t
                + "/pairs.jsonl", "iter-" + t + "/reference.jsonl", "iter-" + t + "/eval-answers.jsonl");
    }
}
