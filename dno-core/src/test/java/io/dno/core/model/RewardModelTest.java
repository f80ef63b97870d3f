package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RewardModel} against an independent PyTorch computation of the same head
 * ({@code src/test/resources/reference/reward_reference.py}: float64, one sequence at a time) on checkpoints this
 * test writes in the HF sequence-classification layout. Skipped without python3 + torch.
 */
class RewardModelTest {
    private static final double TOLERANCE = 1e-4;
    /** The pad id is EOS here (as in many HF reward models), so a sequence ending in EOS pools the token before. */
    private static final int PAD = ByteTokenizer.EOS;

    @Test
    void rewardsMatchTheIndependentPythonReference(@TempDir Path dir) throws Exception {
        String python = TorchReference.pythonOrSkip();
        Path script = TorchReference.script("/reference/reward_reference.py");
        List<int[]> sequences = List.of(new int[] {1, 72, 101, 108, 108, 111}, new int[] {1, 9, 2},
                new int[] {1, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39}, new int[] {5});
        for (TransformerConfig config : List.of(TinyConfigs.llamaGqaTied(), TinyConfigs.qwen2GqaUntied())) {
            Path modelDir = RewardCheckpoints.write(dir.resolve(config.modelType()), config, 17, PAD);
            JsonNode ref = TorchReference.run(python, script, Map.of("sequences", sequences), modelDir.toString());
            try (RewardModel rm = RewardModel.load(modelDir)) {
                double[] java = rm.score(sequences);
                double maxDiff = 0;
                for (int i = 0; i < sequences.size(); i++) {
                    assertEquals(ref.get("pooled").get(i).asInt(), rm.pooledPosition(sequences.get(i)));
                    maxDiff = Math.max(maxDiff, Math.abs(java[i] - ref.get("rewards").get(i).asDouble()));
                }
                assertTrue(maxDiff < TOLERANCE, config.modelType() + ": max |java - reference| = " + maxDiff);
                assertEquals(1, rm.pooledPosition(new int[] {1, 9, 2}), "a trailing pad (= EOS) id is skipped");
                double alone = rm.score(List.of(sequences.get(2)))[0];
                assertEquals(java[2], alone, 1e-5, "batching with shorter rows does not change a reward");
            }
        }
    }

    @Test
    void rejectsACausalLmAndAMultiLabelHead(@TempDir Path dir) throws Exception {
        Path lm = dir.resolve("lm");
        try (Transformer model = Transformer.random(TinyConfigs.llamaGqaTied(), 1)) {
            CheckpointDir.save(model, lm);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RewardModel.load(lm));
        assertTrue(e.getMessage().contains("LlamaForCausalLM") && e.getMessage().contains("ForSequenceClassification"),
                e.getMessage());

        Path two = RewardCheckpoints.write(dir.resolve("two"), TinyConfigs.llamaGqaTied(), 1, PAD);
        Files.writeString(two.resolve("config.json"), Files.readString(two.resolve("config.json"))
                .replace("\"0\" : \"LABEL_0\"", "\"0\" : \"LABEL_0\", \"1\" : \"LABEL_1\""));
        e = assertThrows(IllegalArgumentException.class, () -> RewardModel.load(two));
        assertTrue(e.getMessage().contains("num_labels is 2"), e.getMessage());
    }
}
