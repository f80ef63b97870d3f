package io.dno.core.merge.dtm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dno.core.checkpoint.Checkpoints;
import io.dno.core.checkpoint.Safetensors;
import io.dno.core.checkpoint.StorageType;
import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.train.AdamWSettings;
import io.dno.core.train.LearningRateSchedule;
import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import io.dno.core.train.PairLogProbs;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.TrainerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisperseThenMergeTest {
    private static final TransformerConfig CONFIG = TransformerConfig.llama(16, 8, 16, 1, 2, 1, 32);

    @TempDir
    Path dir;

    private static List<Demonstration> data(int n) {
        List<Demonstration> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Demonstration.of(Prompt.of("p" + i, "q" + i), "a" + i));
        }
        return out;
    }

    /** A stand-in trainer whose model has every weight equal to (learning rate × number of demonstrations). */
    private static SubModelTrainer countingTrainer(AtomicInteger calls) {
        return (base, data, variant, out) -> {
            calls.incrementAndGet();
            try (NDManager m = NDManager.newBaseManager()) {
                Map<String, NDArray> weights = new LinkedHashMap<>();
                Checkpoints.readWeights(base, m).forEach((name, w) ->
                        weights.put(name, m.full(w.getShape(), (float) (variant.learningRate() * data.size()))));
                Files.createDirectories(out);
                Safetensors.write(out.resolve(Checkpoints.WEIGHTS_FILE), weights, Map.of(), StorageType.F32);
                Files.copy(base.resolve(CheckpointDir.CONFIG), out.resolve(CheckpointDir.CONFIG));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static float firstWeight(Path model) {
        try (NDManager m = NDManager.newBaseManager()) {
            return Checkpoints.readWeights(model, m).values().iterator().next().toFloatArray()[0];
        }
    }

    @Test
    void trainsPortionsAndBaselinesMergesThemAndResumes() {
        Path base = dir.resolve("base");
        try (Transformer model = Transformer.random(CONFIG, 1)) {
            CheckpointDir.save(model, base);
        }
        DtmSettings settings = DtmSettings.paperDefaults(new TrainingVariant(0, 1.0));
        AtomicInteger calls = new AtomicInteger();
        DtmRun run = DisperseThenMerge.run(base, data(42), settings, countingTrainer(calls), dir.resolve("work"));
        assertEquals(4 + 1 + 3, calls.get(), "K sub-models, one single model, three soup members");
        assertEquals(List.of(11, 11, 10, 10), run.portionSizes());
        assertEquals(10.5f, firstWeight(run.dtm()), 1e-6f, "DTM averages the sub-models");
        assertEquals(42f, firstWeight(run.single()), 0f);
        assertEquals((0.5f + 1f + 2f) * 42 / 3, firstWeight(run.soup()), 1e-5f, "the soup averages the variants");
        Map<String, Map<String, Double>> table = DisperseThenMerge.evaluate(run,
                model -> Map.of("w", (double) firstWeight(model)));
        assertEquals(List.of("base", "single", "uniform-soup", "dtm", "sub-1", "sub-2", "sub-3", "sub-4"),
                new ArrayList<>(table.keySet()));

        DisperseThenMerge.run(base, data(42), settings, countingTrainer(calls), dir.resolve("work"));
        assertEquals(8, calls.get(), "a finished run trains nothing again");
    }

    @Test
    void sftSubModelTrainerFineTunesALoadableCopy() {
        Path base = dir.resolve("base");
        try (Transformer model = Transformer.random(CONFIG, 2)) {
            CheckpointDir.save(model, base);
        }
        TrainerSettings settings = new TrainerSettings(2, 1, LearningRateSchedule.constant(1e-2),
                AdamWSettings.TORCH_DEFAULTS, 1.0, 0, 0);
        // negative mean log-likelihood of the response: what Losses.sft() computes, written here without dno-losses
        Loss nll = new Loss() {
            @Override
            public LossOutput compute(PairLogProbs batch) {
                return new LossOutput(batch.policyChosen().neg().mean(), Map.of());
            }

            @Override
            public String name() {
                return "nll";
            }
        };
        SftSubModelTrainer trainer = new SftSubModelTrainer(settings, nll, 1,
                d -> new TokenizedDemonstration(new int[] {1, 3 + d.prompt().id().length()}, new int[] {5, 2}),
                Optional.empty());
        Path out = dir.resolve("sub");
        trainer.train(base, data(6), new TrainingVariant(0, 1e-2), out);
        try (Transformer before = CheckpointDir.load(base); Transformer after = CheckpointDir.load(out)) {
            assertFalse(before.parameters().isEmpty());
            String name = "model.layers.0.mlp.down_proj.weight";
            assertNotEquals(before.parameters().get(name).toFloatArray()[0], after.parameters().get(name).toFloatArray()[0],
                    "training moved the weights");
            assertTrue(Files.isRegularFile(out.resolve(CheckpointDir.CONFIG)));
        }
    }
}
