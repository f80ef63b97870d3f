package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        String python = TorchReference.pythonOrSkip();
        Path script = TorchReference.script("/reference/llama_reference.py");
        List<int[]> prompts = List.of(new int[] {1, 72, 101, 108}, new int[] {1, 9}, new int[] {1, 30, 31, 32, 33, 34});
        List<int[]> responses = List.of(new int[] {108, 111, 2}, new int[] {200, 201, 202, 203, 2}, new int[] {5});
        for (TransformerConfig config : TinyConfigs.all()) {
            Path modelDir = dir.resolve(config.modelType());
            try (Transformer model = Transformer.random(config, 41); NDManager m = model.manager().newSubManager()) {
                perturbNormsAndBiases(model);
                CheckpointDir.save(model, modelDir);
                SequenceLogProbs java = LogProbs.sequences(model, m, prompts, responses, ByteTokenizer.PAD);
                JsonNode ref = TorchReference.run(python, script, Map.of("prompts", prompts, "responses", responses),
                        modelDir.toString());
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
}
