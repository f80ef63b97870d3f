package io.dno.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * This application resolves every library dno's modules ran their tests with at the very version they ran with
 * (the list comes from the reactor, written by ./run), and one version of Jackson throughout.
 */
class ResolvedVersionsTest {

    @Test
    void everyLibraryIsAtTheVersionDnosTestsRanWith() throws Exception {
        Map<String, String> expected = expected();
        Map<String, String> resolved = onClassPath();
        List<String> wrong = new ArrayList<>();
        expected.forEach((artifact, version) -> {
            if (!version.equals(resolved.get(artifact))) {
                wrong.add(artifact + ": dno's tests ran with " + version + ", this application resolves "
                        + resolved.getOrDefault(artifact, "nothing"));
            }
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(expected.size() > 20, "expected versions read: " + expected);
    }

    @Test
    void jacksonIsOneVersion() {
        TreeSet<String> versions = new TreeSet<>();
        onClassPath().forEach((artifact, version) -> {
            if (artifact.startsWith("com.fasterxml.jackson")) {
                versions.add(artifact + ":" + version);
            }
        });
        assertTrue(versions.size() >= 5, "the Jackson modules on the class path: " + versions);
        assertEquals(1, versions.stream().map(v -> v.substring(v.lastIndexOf(':') + 1)).distinct().count(),
                "mixed Jackson versions: " + versions);
    }

    /** group:artifact[:classifier] → version, from the reactor's dependency:list output. */
    private static Map<String, String> expected() throws Exception {
        Path file = Path.of(System.getProperty("dno.expected.versions"));
        assertTrue(Files.isRegularFile(file), file + " is missing: run consumer-test/run, which writes it from the build");
        Map<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            String entry = line.strip().replaceAll(" -- .*", "");
            String[] p = entry.split(":");
            if (p.length < 5 || p[0].equals("io.dno") || p[0].startsWith("The following")) {
                continue;
            }
            // group:artifact:type:version:scope or group:artifact:type:classifier:version:scope
            String key = p.length == 6 ? p[0] + ":" + p[1] + ":" + p[3] : p[0] + ":" + p[1];
            out.put(key, p.length == 6 ? p[4] : p[3]);
        }
        return out;
    }

    /** group:artifact[:classifier] → version of every jar on the class path that lies in the local repository. */
    static Map<String, String> onClassPath() {
        Path repository = Path.of(System.getProperty("dno.repository")).toAbsolutePath().normalize();
        Map<String, String> out = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry).toAbsolutePath().normalize();
            if (!entry.endsWith(".jar") || !jar.startsWith(repository)) {
                continue;
            }
            Path versionDir = jar.getParent();
            Path artifactDir = versionDir.getParent();
            String version = versionDir.getFileName().toString();
            String artifact = artifactDir.getFileName().toString();
            String prefix = artifact + "-" + version;
            String name = jar.getFileName().toString();
            String classifier = name.startsWith(prefix + "-") ? name.substring(prefix.length() + 1, name.length() - 4) : "";
            String group = repository.relativize(artifactDir.getParent()).toString().replace(File.separatorChar, '.');
            out.put(group + ":" + artifact + (classifier.isEmpty() ? "" : ":" + classifier), version);
        }
        return out;
    }
}
