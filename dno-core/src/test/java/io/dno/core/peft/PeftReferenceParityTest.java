package io.dno.core.peft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.Json;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.LogProbs;
import io.dno.core.model.SequenceLogProbs;
import io.dno.core.model.Transformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter files and the adapted forward against an independent PyTorch reader of PEFT's format
 * ({@code src/test/resources/reference/lora_reference.py}: PEFT's names and W + (lora_alpha/r)·B·A, float64,
 * over {@code llama_reference.py}). Skipped when no python3 with torch is installed; DNO_PYTHON picks one.
 */
class PeftReferenceParityTest {
    private static final double TOLERANCE = 1e-4;

    @Test
    void theAdaptedModelMatchesAPeftStyleReferenceReadingOurFiles(@TempDir Path dir) throws Exception {
        Optional<String> python = pythonWithTorch();
        assumeTrue(python.isPresent(), "no python3 with torch found (apt-get install python3-torch); skipping parity");
        Path script = Path.of(getClass().getResource("/reference/lora_reference.py").toURI());
        List<int[]> prompts = List.of(new int[] {1, 7, 9, 11}, new int[] {2, 3});
        List<int[]> responses = List.of(new int[] {5, 6, 3}, new int[] {13, 17, 19, 21});
        try (Transformer model = Transformer.random(PeftFixtures.qwen2(), 12)) {
            CheckpointDir.save(model, dir.resolve("base"));
            LoraConfig config = LoraConfig.of(4, 24, 0, List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
                    "down_proj"));
            try (LoraAdapter lora = LoraAdapter.attach(model, config, 5); NDManager m = model.manager().newSubManager()) {
                PeftFixtures.randomiseB(lora, 6);
                AdapterFiles.save(lora, dir.resolve("adapter"));
                SequenceLogProbs java = LogProbs.sequences(model, m, prompts, responses, PeftFixtures.PAD);
                JsonNode ref = run(python.get(), script, dir.resolve("base"), dir.resolve("adapter"), prompts, responses);
                assertEquals(12, ref.get("adapted_modules").asInt(), "2 layers x 6 modules");
                double maxDiff = 0;
                for (int i = 0; i < prompts.size(); i++) {
                    float[] row = java.tokenLogProbs().get(i).toFloatArray();
                    for (int j = 0; j < responses.get(i).length; j++) {
                        maxDiff = Math.max(maxDiff, Math.abs(row[prompts.get(i).length + j]
                                - ref.get("token_logprobs").get(i).get(j).asDouble()));
                    }
                }
                assertTrue(maxDiff < TOLERANCE, "max |java - reference| = " + maxDiff);
                float[] base = lora.withDisabled(() -> LogProbs.sequences(model, m, prompts, responses,
                        PeftFixtures.PAD).sums().toFloatArray());
                assertTrue(Math.abs(base[0] - ref.get("sums").get(0).asDouble()) > 1e-3, "the adapter matters");
            }
        }
    }

    private static JsonNode run(String python, Path script, Path base, Path adapter, List<int[]> prompts,
                                List<int[]> responses) throws IOException, InterruptedException {
        String request = Json.mapper().writeValueAsString(Map.of("prompts", prompts, "responses", responses));
        Process p = new ProcessBuilder(python, script.toString(), base.toString(), adapter.toString())
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
