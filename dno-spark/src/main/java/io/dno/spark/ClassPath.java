package io.dno.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * This JVM's class path as files: the entries of {@code java.class.path} with the {@code Class-Path} of jar
 * manifests followed (the {@code dno.jar} of {@code ./dno} names its libraries there, so does a test runner's
 * manifest-only jar). Executors started from the same installation are given these entries.
 */
public final class ClassPath {
    private ClassPath() {}

    /** Every entry, manifests expanded, each once, in class-path order; only entries that exist. */
    public static List<Path> entries() {
        Set<Path> out = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry).toAbsolutePath().normalize(), out);
            }
        }
        return new ArrayList<>(out);
    }

    /** {@link #entries()} as one class-path string. */
    public static String asString(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private static void add(Path entry, Set<Path> out) {
        if (!Files.exists(entry) || !out.add(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return;
            }
            Path base = entry.getParent();
            for (String ref : classPath.trim().split("\\s+")) {
                if (ref.isEmpty()) {
                    continue;
                }
                Path p = ref.startsWith("file:") ? Path.of(java.net.URI.create(ref)) : base.resolve(ref);
                add(p.toAbsolutePath().normalize(), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + entry + ": " + e.getMessage(), e);
        }
    }
}
