package io.dno.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.tensor.Scalars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Weight decay is off by default and, when on, spares biases and norm weights as the HF Trainer does. */
class WeightDecayTest {
    private static final int PAD = 0;

    @Test
    void theTrainersDefaultIsNoWeightDecayAsHfAndTrl() {
        assertEquals(0.0, TrainerSettings.defaults(1e-4, PAD).optimizer().weightDecay());
        assertEquals(0.0, AdamWSettings.DEFAULTS.weightDecay());
    }

    @Test
    void theHfTrainersNoDecayNamesAreBiasesAndNorms() {
        for (String name : List.of("model.layers.0.input_layernorm.weight",
                "model.layers.1.post_attention_layernorm.weight",
                "model.norm.weight", "model.layers.0.self_attn.q_proj.bias", "encoder.final_layer_norm.weight",
                "transformer.ln_f.bias", "model.layers.0.self_attn.q_norm.weight", "RMSNorm.weight")) {
            assertFalse(WeightDecayGroups.decays(name), name);
        }
        for (String name : List.of("model.embed_tokens.weight", "lm_head.weight", "model.layers.0.mlp.down_proj.weight",
                "model.layers.0.self_attn.q_proj.lora_A.weight", "model.normalizer.weight", "model.enorm_x.weight")) {
            assertTrue(WeightDecayGroups.decays(name), name);
        }
    }

    @Test
    void decaySkipsBiasesAndNormWeightsAndShrinksTheRest() {
        // qwen2 has q/k/v biases; a loss with zero gradient leaves only the decoupled decay p ← p·(1 − lr·λ)
        TransformerConfig config = TransformerConfig.llama(16, 32, 48, 2, 4, 1, 32).withModelType("qwen2")
                .withTiedEmbeddings(false);
        double lr = 0.1;
        double lambda = 0.5;
        TrainerSettings settings = TrainerSettings.defaults(lr, PAD).withBatchSize(2)
                .withOptimizer(AdamWSettings.DEFAULTS.withWeightDecay(lambda));
        try (Transformer model = Transformer.random(config, 4); Trainer trainer = new Trainer(model, settings)) {
            Map<String, float[]> before = new LinkedHashMap<>();
            model.parameters().forEach((name, p) -> before.put(name, p.toFloatArray()));
            trainer.trainDemonstrations(List.of(new TokenizedDemonstration(new int[] {1, 2}, new int[] {3}),
                    new TokenizedDemonstration(new int[] {4}, new int[] {5, 6})), zeroGradient(), 1);
            int decayed = 0;
            int spared = 0;
            for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
                String name = e.getKey();
                float[] was = before.get(name);
                float[] now = e.getValue().toFloatArray();
                if (name.endsWith("bias") || name.contains("norm")) {
                    assertArrayEquals(was, now, 0f, name + " must not decay");
                    spared++;
                } else {
                    float[] expected = was.clone();
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = (float) (was[i] * (1 - lr * lambda));
                    }
                    assertArrayEquals(expected, now, 1e-6f, name + " decays");
                    decayed++;
                }
            }
            // 2 layers × (2 norms + 3 biases) + the final norm; embeddings, head and 2 × 7 projections
            assertEquals(11, spared);
            assertEquals(16, decayed);
        }
    }

    /** A loss that depends on the policy but has zero gradient everywhere. */
    private static Loss zeroGradient() {
        return new Loss() {
            @Override
            public LossOutput compute(PairLogProbs b) {
                return new LossOutput(Scalars.mul(b.policyChosen().sum(), 0.0), Map.of());
            }

            @Override
            public boolean needsReference() {
                return false;
            }

            @Override
            public String name() {
                return "zero";
            }
        };
    }
}
