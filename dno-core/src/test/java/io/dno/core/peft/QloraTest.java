package io.dno.core.peft;

import static io.dno.core.peft.PeftFixtures.PAD;
import static io.dno.core.peft.PeftFixtures.logits;
import static io.dno.core.peft.PeftFixtures.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dno.core.model.Transformer;
import io.dno.core.train.TestLosses;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QloraTest {

    @Test
    void theQuantisedModelComputesWithTheDequantisedWeights() {
        try (Transformer quantised = Transformer.random(PeftFixtures.qwen2(), 8);
             Transformer reference = Transformer.random(PeftFixtures.qwen2(), 8)) {
            float[] full = logits(quantised);
            QuantizedBase base = QuantizedBase.quantize(quantised, LoraConfig.ALL_PROJECTIONS, true);
            try (NDManager m = quantised.manager().newSubManager()) {
                for (String name : List.copyOf(reference.parameters().keySet())) {
                    if (name.endsWith("_proj.weight")) {
                        reference.parameters().get(name).set(base.dequantized(name, m).toFloatArray());
                    }
                }
            }
            float[] q = logits(quantised);
            assertTrue(maxAbsDiff(logits(reference), q) < 1e-5, "on-the-fly dequantisation = dequantised weights");
            assertTrue(maxAbsDiff(full, q) > 0, "4-bit weights are not the float32 ones");
        }
    }

    @Test
    void loraOnAQuantisedBaseTrainsOnlyTheAdapterAndCannotMergeIntoIt() {
        try (Transformer model = Transformer.random(PeftFixtures.llama(), 8)) {
            QuantizedBase base = QuantizedBase.quantize(model, LoraConfig.ALL_PROJECTIONS, false);
            float[] quantisedLogits = logits(model);
            Map<String, float[]> dequantised = new LinkedHashMap<>();
            try (NDManager m = model.manager().newSubManager()) {
                for (int layer = 0; layer < 2; layer++) {
                    String name = "model.layers." + layer + ".self_attn.q_proj.weight";
                    dequantised.put(name, base.dequantized(name, m).toFloatArray());
                }
            }
            Map<String, float[]> others = PeftFixtures.snapshot(model.parameters());
            try (LoraAdapter lora = LoraAdapter.attach(model, LoraConfig.of(4, 8, 0, LoraConfig.ALL_PROJECTIONS), 3)) {
                assertArrayEquals(quantisedLogits, logits(model), "B = 0: the adapted model is the 4-bit base");
                TrainerSettings settings = TrainerSettings.defaults(1e-2, PAD).withBatchSize(2).withSeed(1);
                try (Trainer trainer = new Trainer(model, settings, LoraAdapter::isAdapterParameter)) {
                    trainer.trainDemonstrations(List.of(new TokenizedDemonstration(new int[] {1, 2}, new int[] {3, 4}),
                            new TokenizedDemonstration(new int[] {5}, new int[] {6, 7})), TestLosses.sft(), 3);
                }
                assertTrue(maxAbsDiff(quantisedLogits, logits(model)) > 1e-3, "the adapter learned");
                assertArrayEquals(quantisedLogits, lora.withDisabled(() -> logits(model)), "the 4-bit base is frozen");
                others.forEach((name, w) -> assertArrayEquals(w, model.parameters().get(name).toFloatArray(), name));
                IllegalStateException e = assertThrows(IllegalStateException.class, lora::merge);
                assertTrue(e.getMessage().contains("not held in full precision"), e::getMessage);
            }
            try (NDManager m = model.manager().newSubManager()) {
                dequantised.forEach((name, w) -> {
                    NDArray now = base.dequantized(name, m);
                    assertEquals(0, maxAbsDiff(w, now.toFloatArray()), name + " codes unchanged");
                });
            }
        }
    }
}
