package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an independent PyTorch reference script (under {@code src/test/resources/reference/}) from a parity
 * test: a JSON request on its stdin, its JSON answer on stdout. The test is skipped when no python3 with torch
 * is installed ({@code apt-get install python3-torch}); set DNO_PYTHON to choose the interpreter.
 */
public final class TorchReference {
    private TorchReference() {}

    /** An interpreter that imports torch (DNO_PYTHON, then python3, then /usr/bin/python3); skips the test if none. */
    public static String pythonOrSkip() {
        Optional<String> python = pythonWithTorch();
        assumeTrue(python.isPresent(), "no python3 with torch found (apt-get install python3-torch); skipping parity");
        return python.get();
    }

    /** The test resource {@code resource} (e.g. {@code /reference/llama_reference.py}) as a file. */
    public static Path script(String resource) throws URISyntaxException {
        return Path.of(TorchReference.class.getResource(resource).toURI());
    }

    /** Runs {@code script args...} with {@code request} as JSON on stdin and returns its stdout parsed as JSON. */
    public static JsonNode run(String python, Path script, Object request, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(Json.mapper().writeValueAsBytes(request));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "reference timed out");
        assertEquals(0, p.exitValue(), "reference failed: " + out);
        return Json.mapper().readTree(out);
    }

    private static Optional<String> pythonWithTorch() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("DNO_PYTHON")).ifPresent(candidates::add);
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        for (String python : candidates) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(python);
                }
            } catch (IOException e) {
                // not installed under this name: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
