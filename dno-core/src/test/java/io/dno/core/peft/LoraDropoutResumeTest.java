package io.dno.core.peft;

import static io.dno.core.peft.PeftFixtures.PAD;
import static io.dno.core.peft.PeftFixtures.maxAbsDiff;
import static io.dno.core.peft.PeftFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import io.dno.core.model.Transformer;
import io.dno.core.train.StepMetrics;
import io.dno.core.train.TestLosses;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerCheckpoint;
import io.dno.core.train.TrainerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LoRA run with dropout, stopped after 3 of 6 steps and resumed from its files (adapter + optimiser state) in a
 * fresh model, ends bit for bit where the uninterrupted run ends: dropout masks are keyed on the trainer's
 * (seed, step, micro-batch), not on PyTorch's global generator state.
 */
class LoraDropoutResumeTest {
    private static final LoraConfig CONFIG = LoraConfig.of(4, 8, 0.3, LoraConfig.ALL_PROJECTIONS);
    private static final TrainerSettings SETTINGS = TrainerSettings.defaults(1e-2, PAD).withBatchSize(4)
            .withGradientAccumulation(2).withSeed(1);

    @TempDir
    Path dir;

    @Test
    void aResumedRunWithDropoutIsExact() {
        List<TokenizedDemonstration> demos = demonstrations();
        Map<String, float[]> uninterrupted = train(CONFIG, demos, 6);
        Map<String, float[]> withoutDropout = train(LoraConfig.of(4, 8, 0, LoraConfig.ALL_PROJECTIONS), demos, 6);
        assertTrue(uninterrupted.keySet().stream()
                        .anyMatch(name -> maxAbsDiff(uninterrupted.get(name), withoutDropout.get(name)) > 0),
                "dropout 0.3 must change the run, or this test covers nothing");

        try (Transformer model = Transformer.random(PeftFixtures.llama(), 2);
             LoraAdapter lora = LoraAdapter.attach(model, CONFIG, 7);
             Trainer trainer = new Trainer(model, SETTINGS, LoraAdapter::isAdapterParameter);
             NDManager m = NDManager.newBaseManager()) {
            lora.setTraining(true);
            trainer.addListener(s -> {
                if (s.step() == 3) {
                    throw new StopHere();
                }
            });
            assertThrows(StopHere.class, () -> trainer.trainDemonstrations(demos, TestLosses.sft(), 2));
            assertEquals(3, trainer.step());
            AdapterFiles.save(lora, dir);
            trainer.checkpoint(m).save(dir);
        }
        // something else draws from PyTorch's generator in between, as another stage of a run would
        try (NDManager m = NDManager.newBaseManager()) {
            Dropout.dropout(m.ones(new Shape(1000)), 0.5f, true).singletonOrThrow().close();
        }
        try (Transformer model = Transformer.random(PeftFixtures.llama(), 2);
             LoraAdapter lora = LoraAdapter.attach(model, CONFIG, 99);
             Trainer trainer = new Trainer(model, SETTINGS, LoraAdapter::isAdapterParameter);
             NDManager m = NDManager.newBaseManager()) {
            AdapterFiles.loadInto(lora, dir);
            trainer.restore(TrainerCheckpoint.load(dir, m));
            lora.setTraining(true);
            List<StepMetrics> rest = trainer.trainDemonstrations(demos, TestLosses.sft(), 2);
            assertEquals(List.of(4L, 5L, 6L), rest.stream().map(StepMetrics::step).toList());
            Map<String, float[]> resumed = snapshot(lora.parameters());
            uninterrupted.forEach((name, w) -> assertArrayEquals(w, resumed.get(name), 0f, name));
        }
    }

    @Test
    void loadIntoRejectsAnotherLoraAlpha() {
        try (Transformer model = Transformer.random(PeftFixtures.llama(), 2);
             LoraAdapter lora = LoraAdapter.attach(model, CONFIG, 7)) {
            AdapterFiles.save(lora, dir);
        }
        try (Transformer model = Transformer.random(PeftFixtures.llama(), 2);
             LoraAdapter lora = LoraAdapter.attach(model, LoraConfig.of(4, 16, 0.3, LoraConfig.ALL_PROJECTIONS), 7)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> AdapterFiles.loadInto(lora, dir));
            assertTrue(e.getMessage().contains("lora_alpha=8.0") && e.getMessage().contains("lora_alpha=16.0"),
                    e.getMessage());
        }
    }

    /** The adapter after {@code steps} uninterrupted steps (two epochs of three) from the fixed start. */
    private static Map<String, float[]> train(LoraConfig config, List<TokenizedDemonstration> demos, int steps) {
        try (Transformer model = Transformer.random(PeftFixtures.llama(), 2);
             LoraAdapter lora = LoraAdapter.attach(model, config, 7);
             Trainer trainer = new Trainer(model, SETTINGS, LoraAdapter::isAdapterParameter)) {
            lora.setTraining(true);
            assertEquals(steps, trainer.trainDemonstrations(demos, TestLosses.sft(), 2).size());
            return snapshot(lora.parameters());
        }
    }

    private static List<TokenizedDemonstration> demonstrations() {
        List<TokenizedDemonstration> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            out.add(new TokenizedDemonstration(new int[] {1 + i % 9, 2 + i % 7}, new int[] {3 + i % 11, 23}));
        }
        return out;
    }

    private static final class StopHere extends RuntimeException {
        StopHere() {
            super("stop");
        }
    }
}
