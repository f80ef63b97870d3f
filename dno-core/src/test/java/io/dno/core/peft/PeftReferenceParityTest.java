package io.dno.core.peft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.LogProbs;
import io.dno.core.model.SequenceLogProbs;
import io.dno.core.model.TorchReference;
import io.dno.core.model.Transformer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        String python = TorchReference.pythonOrSkip();
        Path script = TorchReference.script("/reference/lora_reference.py");
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
                JsonNode ref = TorchReference.run(python, script, Map.of("prompts", prompts, "responses", responses),
                        dir.resolve("base").toString(), dir.resolve("adapter").toString());
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
}
