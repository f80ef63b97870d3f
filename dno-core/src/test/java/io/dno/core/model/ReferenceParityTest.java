package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity with an independent PyTorch implementation of the HF formulas
 * ({@code src/test/resources/reference/llama_reference.py}, no transformers library, float64, one sequence at a
 * time), reading the checkpoint this library writes. Skipped when no python3 with torch is installed
 * ({@code apt-get install python3-torch}); set DNO_PYTHON to choose the interpreter.
 */
class ReferenceParityTest {
    private static final double TOLERANCE = 1e-4;

    @Test
    void tokenLogProbsMatchTheIndependentPythonReference(@TempDir Path dir) throws Exception {
        Optional<String> python = pythonWithTorch();
        assumeTrue(python.isPresent(), "no python3 with torch found (apt-get install python3-torch); skipping parity");
        Path script = Path.of(getClass().getResource("/reference/llama_reference.py").toURI());
        List<int[]> prompts = List.of(new int[] {1, 72, 101, 108}, new int[] {1, 9}, new int[] {1, 30, 31, 32, 33, 34});
        List<int[]> responses = List.of(new int[] {108, 111, 2}, new int[] {200, 201, 202, 203, 2}, new int[] {5});
        for (TransformerConfig config : TinyConfigs.all()) {
            Path modelDir = dir.resolve(config.modelType());
            try (Transformer model = Transformer.random(config, 41); NDManager m = model.manager().newSubManager()) {
                perturbNormsAndBiases(model);
                CheckpointDir.save(model, modelDir);
                SequenceLogProbs java = LogProbs.sequences(model, m, prompts, responses, ByteTokenizer.PAD);
                JsonNode ref = runReference(python.get(), script, modelDir, prompts, responses);
                double maxDiff = 0;
                for (int i = 0; i < prompts.size(); i++) {
                    float[] row = java.tokenLogProbs().get(i).toFloatArray();
                    JsonNode refRow = ref.get("token_logprobs").get(i);
                    assertEquals(responses.get(i).length, refRow.size());
                    for (int j = 0; j < refRow.size(); j++) {
                        double d = Math.abs(row[prompts.get(i).length + j] - refRow.get(j).asDouble());
                        maxDiff = Math.max(maxDiff, d);
                    }
                    maxDiff = Math.max(maxDiff, Math.abs(java.sums().getFloat(i) - ref.get("sums").get(i).asDouble()));
                }
                assertTrue(maxDiff < TOLERANCE, config.modelType() + ": max |java - reference| = " + maxDiff);
            }
        }
    }

    /** Norms at 1 and biases at 0 would hide mistakes in those parameters: give them random values. */
    private static void perturbNormsAndBiases(Transformer model) {
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            if (e.getKey().endsWith("norm.weight") || e.getKey().endsWith(".bias")) {
                NDArray p = e.getValue();
                try (NDManager m = model.manager().newSubManager()) {
                    p.addi(m.randomUniform(-0.5f, 0.5f, p.getShape()));
                }
            }
        }
    }

    private static JsonNode runReference(String python, Path script, Path modelDir, List<int[]> prompts,
                                         List<int[]> responses) throws IOException, InterruptedException {
        String request = Json.mapper().writeValueAsString(Map.of("prompts", prompts, "responses", responses));
        Process p = new ProcessBuilder(python, script.toString(), modelDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
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
