package io.dno.core.peft;

import static io.dno.core.peft.PeftFixtures.PAD;
import static io.dno.core.peft.PeftFixtures.logits;
import static io.dno.core.peft.PeftFixtures.maxAbsDiff;
import static io.dno.core.peft.PeftFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TestLosses;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LoraAdapterTest {

    static List<TransformerConfig> configs() {
        return List.of(PeftFixtures.llama(), PeftFixtures.qwen2());
    }

    @ParameterizedTest
    @MethodSource("configs")
    void aFreshAdapterLeavesTheModelUnchangedBecauseBStartsAtZero(TransformerConfig config) {
        try (Transformer model = Transformer.random(config, 1)) {
            float[] base = logits(model);
            try (LoraAdapter lora = LoraAdapter.attach(model, LoraConfig.of(4, 8, 0, LoraConfig.ALL_PROJECTIONS), 7)) {
                assertArrayEquals(base, logits(model));
                lora.parameters().forEach((name, p) -> {
                    float[] v = p.toFloatArray();
                    if (name.contains("lora_B")) {
                        assertEquals(0, maxAbsDiff(v, new float[v.length]), name + " starts at zero");
                    } else {
                        long in = p.getShape().get(1);
                        double bound = 1 / Math.sqrt(in);
                        for (float x : v) {
                            assertTrue(Math.abs(x) <= bound, name + ": kaiming-uniform bound 1/sqrt(in)");
                        }
                        assertTrue(maxAbsDiff(v, new float[v.length]) > bound / 2, name + " is random");
                    }
                });
                // 2 layers × 7 projections × (A + B)
                assertEquals(28, lora.parameters().size());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theAdapterChangesOutputsAndDisablingItGivesTheBaseBack(TransformerConfig config) {
        try (Transformer model = Transformer.random(config, 1)) {
            float[] base = logits(model);
            try (LoraAdapter lora = LoraAdapter.attach(model, LoraConfig.of(4, 8, 0, List.of("q_proj", "v_proj",
                    "down_proj")), 7)) {
                PeftFixtures.randomiseB(lora, 3);
                float[] adapted = logits(model);
                assertTrue(maxAbsDiff(base, adapted) > 1e-3, "the adapter changes the logits");
                assertArrayEquals(base, lora.withDisabled(() -> logits(model)), "adapter off = the base, exactly");
                assertTrue(lora.isEnabled());
                assertArrayEquals(adapted, logits(model));
            }
            assertArrayEquals(base, logits(model), "detaching restores the base");
            assertEquals(Transformer.random(config, 1).parameters().keySet(), model.parameters().keySet());
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void mergingEqualsTheAdapterForwardAndUnmergingRestoresTheBase(TransformerConfig config) {
        try (Transformer model = Transformer.random(config, 1)) {
            Map<String, float[]> baseWeights = snapshot(model.parameters());
            try (LoraAdapter lora = LoraAdapter.attach(model, LoraConfig.of(4, 16, 0, LoraConfig.ALL_PROJECTIONS), 7)) {
                PeftFixtures.randomiseB(lora, 3);
                float[] adapted = logits(model);
                lora.merge();
                assertTrue(lora.isMerged());
                float[] merged = logits(model);
                assertTrue(maxAbsDiff(adapted, merged) < 1e-4, () -> "merged vs adapter forward: "
                        + maxAbsDiff(adapted, merged));
                assertThrows(IllegalStateException.class, () -> lora.setEnabled(false));
                lora.unmerge();
                baseWeights.forEach((name, w) -> assertTrue(maxAbsDiff(w, model.parameters().get(name).toFloatArray())
                        < 1e-6, name + " restored by unmerge"));
            }
        }
    }

    @Test
    void trainingMovesOnlyTheAdapterAndTheDisabledAdapterIsTheDpoReference() {
        List<TokenizedPair> pairs = List.of(
                TokenizedPair.of(new int[] {1, 2, 3}, new int[] {1, 23}, new int[] {3, 23}),
                TokenizedPair.of(new int[] {4, 5}, new int[] {4, 23}, new int[] {5, 23}),
                TokenizedPair.of(new int[] {6, 7, 8, 9}, new int[] {6, 23}, new int[] {9, 23}),
                TokenizedPair.of(new int[] {2, 9}, new int[] {2, 23}, new int[] {9, 23}));
        try (Transformer model = Transformer.random(PeftFixtures.llama(), 2)) {
            ReferenceLogProbs before = ReferenceLogProbs.compute(model, pairs, 4, PAD);
            Map<String, float[]> base = snapshot(model.parameters());
            try (LoraAdapter lora = LoraAdapter.attach(model, LoraConfig.of(4, 8, 0.1, LoraConfig.ALL_PROJECTIONS), 7)) {
                Map<String, float[]> adapterBefore = snapshot(lora.parameters());
                lora.setTraining(true);
                TrainerSettings settings = TrainerSettings.defaults(1e-2, PAD).withBatchSize(4).withSeed(1);
                try (Trainer trainer = new Trainer(model, settings, LoraAdapter::isAdapterParameter)) {
                    trainer.trainDemonstrations(List.of(new TokenizedDemonstration(new int[] {1, 2}, new int[] {3, 4}),
                            new TokenizedDemonstration(new int[] {5}, new int[] {6, 7})), TestLosses.sft(), 3);
                    ReferenceLogProbs reference = lora.withDisabled(() -> ReferenceLogProbs.compute(model, pairs, 4, PAD));
                    assertArrayEquals(before.chosen(), reference.chosen(), "reference = base, adapter off");
                    assertArrayEquals(before.rejected(), reference.rejected());
                    trainer.trainPairs(pairs, reference, PeftFixtures.dpo(0.5), 3);
                }
                lora.setTraining(false);
                base.forEach((name, w) -> assertArrayEquals(w, model.parameters().get(name).toFloatArray(),
                        name + " is frozen"));
                adapterBefore.forEach((name, w) -> assertFalse(maxAbsDiff(w, lora.parameters().get(name).toFloatArray())
                        == 0, name + " was trained"));
                ReferenceLogProbs after = ReferenceLogProbs.compute(model, pairs, 4, PAD);
                assertTrue(maxAbsDiff(toFloat(before.chosen()), toFloat(after.chosen())) > 1e-3, "the policy moved");
            }
        }
    }

    @Test
    void badConfigurationsAreRejectedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoraConfig.of(0, 8, 0, List.of("q_proj")))
                .getMessage().contains("rank"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoraConfig.of(4, 8, 0, List.of("qkv")))
                .getMessage().contains("'qkv' is not one of"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoraConfig.of(4, 8, 1.0, List.of("q_proj")))
                .getMessage().contains("lora_dropout"));
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
