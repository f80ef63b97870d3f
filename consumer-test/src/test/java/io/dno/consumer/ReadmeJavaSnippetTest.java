package io.dno.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The README's Java blocks marked {@code <!-- readme-test: java-main -->} compile and run against the installed
 * artifacts: each becomes the body of a {@code main} that imports every package of dno's jars and java.util.
 */
class ReadmeJavaSnippetTest {
    private static final String MARKER = "<!-- readme-test: java-main -->";

    @Test
    void theReadmesJavaSnippetsCompileAndRun() throws Exception {
        Path readme = Path.of(System.getProperty("dno.readme"));
        List<String> lines = Files.readAllLines(readme);
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).strip().equals(MARKER) && lines.get(i + 1).strip().equals("```java")) {
                starts.add(i + 2);
            }
        }
        assertTrue(!starts.isEmpty(), readme + " has no " + MARKER + " block");
        String imports = dnoImports();
        for (int start : starts) {
            StringBuilder body = new StringBuilder();
            int end = start;
            while (!lines.get(end).startsWith("```")) {
                body.append("        ").append(lines.get(end++)).append('\n');
            }
            String output = compileAndRun("README.md:" + start, imports + "import java.util.*;\n\n"
                    + "public class ReadmeSnippet {\n    public static void main(String[] args) throws Exception {\n"
                    + body + "    }\n}\n");
            assertTrue(!output.isBlank(), "README.md:" + start + ": the snippet ran but printed nothing");
        }
    }

    /** {@code import p.*;} for every package of the io.dno jars on the class path. */
    private static String dnoImports() throws Exception {
        TreeSet<String> packages = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !Path.of(entry).getFileName().toString().startsWith("dno-")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.startsWith("io/dno/") && name.endsWith(".class") && !name.contains("$")) {
                        packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                    }
                }
            }
        }
        assertTrue(packages.contains("io.dno.core.data"), "dno's jars are not on the class path: " + packages);
        StringBuilder out = new StringBuilder();
        packages.forEach(p -> out.append("import ").append(p).append(".*;\n"));
        return out.toString();
    }

    private static String compileAndRun(String where, String source) throws Exception {
        Path dir = Files.createTempDirectory("readme-snippet");
        Path file = dir.resolve("ReadmeSnippet.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int code = javac.run(null, null, diagnostics, "-proc:none", "-cp", System.getProperty("java.class.path"), "-d",
                dir.toString(), file.toString());
        assertEquals(0, code, where + ": the README's Java snippet does not compile against the installed artifacts:\n"
                + diagnostics.toString(StandardCharsets.UTF_8));
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ReadmeJavaSnippetTest.class.getClassLoader())) {
            Method main = loader.loadClass("ReadmeSnippet").getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        original.println(where + " printed: " + output.strip());
        return output;
    }
}
