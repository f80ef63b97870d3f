package io.dno.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer on a tiny llama (vocabulary 24). Preference data: after a prompt of digits, the chosen answer
 * repeats the prompt's first token, the rejected one its last. Demonstrations: fixed answers per prompt.
 */
class TrainerTest {
    private static final int VOCAB = 24;
    private static final int PAD = 0;

    @TempDir
    Path dir;

    private static TransformerConfig config() {
        return TransformerConfig.llama(VOCAB, 32, 64, 2, 4, 2, 64).withTiedEmbeddings(true);
    }

    /** A simple DPO loss written here, so this test does not depend on dno-losses. */
    private static Loss dpo(double beta) {
        return new Loss() {
            @Override
            public LossOutput compute(PairLogProbs b) {
                NDArray margin = b.policyChosen().sub(b.referenceChosen())
                        .sub(b.policyRejected().sub(b.referenceRejected())).mul(beta);                   // (B)
                NDArray loss = ai.djl.nn.Activation.softPlus(margin.neg()).mean();                       // scalar
                return new LossOutput(loss, Map.of("rewards/accuracies", margin.gt(0).toType(
                        ai.djl.ndarray.types.DataType.FLOAT32, false).mean()));
            }

            @Override
            public String name() {
                return "dpo(" + beta + ")";
            }
        };
    }

    private static List<TokenizedPair> pairs(int count, long seed) {
        Random random = new Random(seed);
        List<TokenizedPair> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = 2 + random.nextInt(4);
            int[] prompt = new int[length];
            for (int k = 0; k < length; k++) {
                prompt[k] = 1 + random.nextInt(10);
            }
            if (prompt[0] == prompt[length - 1]) {
                prompt[length - 1] = prompt[0] % 10 + 1;
            }
            out.add(TokenizedPair.of(prompt, new int[] {prompt[0], 23}, new int[] {prompt[length - 1], 23}));
        }
        return out;
    }

    private static TrainerSettings settings(int batch, double lr) {
        return TrainerSettings.defaults(lr, PAD).withBatchSize(batch).withSeed(5);
    }

    private static Map<String, float[]> weights(Transformer model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.parameters().forEach((name, p) -> out.put(name, p.toFloatArray()));
        return out;
    }

    private static double mean(List<StepMetrics> steps, String metric, int from, int to) {
        return steps.subList(from, to).stream()
                .mapToDouble(s -> metric.equals("loss") ? s.loss() : s.metrics().get(metric)).average().orElseThrow();
    }

    @Test
    void dpoDrivesTheLossDownAndTheRewardAccuracyUp() {
        List<TokenizedPair> data = pairs(96, 1);
        try (Transformer model = Transformer.random(config(), 11);
             Trainer trainer = new Trainer(model, settings(16, 3e-3))) {
            ReferenceLogProbs reference = ReferenceLogProbs.compute(model, data, 32, PAD);
            List<StepMetrics> steps = trainer.trainPairs(data, reference, dpo(0.5), 8);     // 48 steps
            assertEquals(48, steps.size());
            assertEquals(Math.log(2), steps.get(0).loss(), 1e-4, "policy = reference at the start: loss ln 2");
            assertTrue(mean(steps, "loss", 40, 48) < 0.35, () -> "final loss " + mean(steps, "loss", 40, 48));
            assertTrue(mean(steps, "rewards/accuracies", 40, 48) > 0.9,
                    () -> "final accuracy " + mean(steps, "rewards/accuracies", 40, 48));
        }
    }

    @Test
    void sftMemorisesASmallDemonstrationSet() {
        List<TokenizedDemonstration> demos = List.of(
                new TokenizedDemonstration(new int[] {1, 2, 3}, new int[] {4, 5, 6, 23}),
                new TokenizedDemonstration(new int[] {7, 8}, new int[] {9, 9, 10, 23}),
                new TokenizedDemonstration(new int[] {3, 2, 1}, new int[] {6, 5, 4, 23}),
                new TokenizedDemonstration(new int[] {11}, new int[] {12, 13, 23}));
        try (Transformer model = Transformer.random(config(), 3);
             Trainer trainer = new Trainer(model, settings(4, 1e-2))) {
            List<StepMetrics> steps = trainer.trainDemonstrations(demos, TestLosses.sft(), 150);
            assertTrue(steps.get(0).loss() > 2.5, () -> "initial loss " + steps.get(0).loss());   // ~ ln 24 = 3.2
            assertTrue(steps.get(149).loss() < 0.05, () -> "final loss " + steps.get(149).loss());
        }
    }

    @Test
    void aRestoredRunReproducesTheUninterruptedRunExactly() {
        List<TokenizedPair> data = pairs(40, 2);
        Map<String, float[]> uninterrupted;
        try (Transformer model = Transformer.random(config(), 7);
             Trainer trainer = new Trainer(model, settings(8, 2e-3))) {
            ReferenceLogProbs reference = ReferenceLogProbs.compute(model, data, 16, PAD);
            trainer.trainPairs(data, reference, dpo(0.1), 2);                                 // 10 steps
            uninterrupted = weights(model);
        }
        Path checkpoint = dir.resolve("step-4");
        ReferenceLogProbs reference;
        try (Transformer model = Transformer.random(config(), 7);
             Trainer trainer = new Trainer(model, settings(8, 2e-3))) {
            reference = ReferenceLogProbs.compute(model, data, 16, PAD);
            List<StepMetrics> first = new ArrayList<>();
            trainer.addListener(first::add);
            // stop after 4 steps: train one epoch on a plan we cut short by throwing from a listener
            assertThrows(StopHere.class, () -> trainer.addListener(m -> {
                if (m.step() == 4) {
                    throw new StopHere();
                }
            }).trainPairs(data, reference, dpo(0.1), 2));
            assertEquals(4, trainer.step());
            CheckpointDir.save(model, checkpoint);
            try (NDManager m = NDManager.newBaseManager()) {
                trainer.checkpoint(m).save(checkpoint);
            }
        }
        try (Transformer model = CheckpointDir.load(checkpoint);
             NDManager m = NDManager.newBaseManager();
             Trainer trainer = new Trainer(model, settings(8, 2e-3))) {
            trainer.restore(TrainerCheckpoint.load(checkpoint, m));
            List<StepMetrics> rest = trainer.trainPairs(data, reference, dpo(0.1), 2);
            assertEquals(6, rest.size());
            assertEquals(5, rest.get(0).step());
            Map<String, float[]> resumed = weights(model);
            uninterrupted.forEach((name, w) -> assertArrayEquals(w, resumed.get(name), 0f, name));
        }
    }

    @Test
    void gradientAccumulationMatchesOneBigBatch() {
        List<TokenizedPair> data = pairs(16, 3);
        Map<String, float[]> whole;
        try (Transformer model = Transformer.random(config(), 9);
             Trainer trainer = new Trainer(model, settings(16, 1e-3))) {
            trainer.trainPairs(data, ReferenceLogProbs.compute(model, data, 16, PAD), dpo(0.1), 1);
            whole = weights(model);
        }
        try (Transformer model = Transformer.random(config(), 9);
             Trainer trainer = new Trainer(model, settings(16, 1e-3).withGradientAccumulation(4))) {
            trainer.trainPairs(data, ReferenceLogProbs.compute(model, data, 16, PAD), dpo(0.1), 1);
            Map<String, float[]> accumulated = weights(model);
            whole.forEach((name, w) -> assertArrayEquals(w, accumulated.get(name), 2e-6f, name));
        }
    }

    @Test
    void frozenParametersDoNotMove() {
        List<TokenizedPair> data = pairs(16, 4);
        try (Transformer model = Transformer.random(config(), 2);
             Trainer trainer = new Trainer(model, settings(8, 1e-2), name -> name.contains("mlp"))) {
            Map<String, float[]> before = weights(model);
            trainer.trainPairs(data, ReferenceLogProbs.compute(model, data, 16, PAD), dpo(0.1), 1);
            Map<String, float[]> after = weights(model);
            before.forEach((name, w) -> {
                boolean moved = !java.util.Arrays.equals(w, after.get(name));
                assertEquals(name.contains("mlp"), moved, name);
            });
        }
    }

    @Test
    void aNonFiniteLossStopsBeforeTheUpdate() {
        List<TokenizedPair> data = pairs(8, 5);
        Loss poisoned = new Loss() {
            @Override
            public LossOutput compute(PairLogProbs b) {
                return new LossOutput(b.policyChosen().mean().mul(Float.NaN), Map.of());
            }

            @Override
            public String name() {
                return "nan";
            }
        };
        try (Transformer model = Transformer.random(config(), 2);
             Trainer trainer = new Trainer(model, settings(8, 1e-2))) {
            Map<String, float[]> before = weights(model);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.trainPairs(data, ReferenceLogProbs.none(8), poisoned, 1));
            assertTrue(e.getMessage().contains("step 1"), e.getMessage());
            Map<String, float[]> after = weights(model);
            before.forEach((name, w) -> assertArrayEquals(w, after.get(name), 0f, name));
            assertEquals(0, trainer.step());
        }
    }

    @Test
    void lengthGroupedBatchesCoverEveryExampleOnceAndAreReproducible() {
        int[] lengths = new Random(1).ints(1000, 1, 300).toArray();
        List<int[]> plan = LengthGroupedBatches.plan(lengths, 8, 42, 0);
        assertEquals(LengthGroupedBatches.count(1000, 8), plan.size());
        boolean[] seen = new boolean[1000];
        for (int[] batch : plan) {
            for (int i : batch) {
                assertTrue(!seen[i], "index twice: " + i);
                seen[i] = true;
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
        assertEquals(plan.stream().map(java.util.Arrays::toString).toList(),
                LengthGroupedBatches.plan(lengths, 8, 42, 0).stream().map(java.util.Arrays::toString).toList());
        // grouping: the mean spread of lengths inside a batch is far below that of a random batch (~ 100)
        double spread = plan.stream().mapToInt(b -> java.util.Arrays.stream(b).map(i -> lengths[i]).max().orElse(0)
                - java.util.Arrays.stream(b).map(i -> lengths[i]).min().orElse(0)).average().orElseThrow();
        assertTrue(spread < 20, "mean in-batch length spread " + spread);
    }

    @Test
    void eachPairsSoftTargetReachesTheLossBesideItsOwnLogProbs() {
        // every pair gets a distinct target and a distinct reference value; the loss sees both in the same row
        List<TokenizedPair> plain = pairs(12, 6);
        List<TokenizedPair> data = new ArrayList<>();
        double[] refChosen = new double[plain.size()];
        for (int i = 0; i < plain.size(); i++) {
            TokenizedPair p = plain.get(i);
            data.add(new TokenizedPair(p.prompt(), p.chosen(), p.rejected(), 0.5 + i / 24.0));
            refChosen[i] = -i;
        }
        Map<Float, Float> seen = new LinkedHashMap<>();                 // reference value -> target
        Loss recording = new Loss() {
            @Override
            public LossOutput compute(PairLogProbs b) {
                float[] ref = b.referenceChosen().toFloatArray();
                float[] z = b.targets().orElseThrow().toFloatArray();
                for (int k = 0; k < z.length; k++) {
                    seen.put(ref[k], z[k]);
                }
                return dpo(0.1).compute(b);
            }

            @Override
            public String name() {
                return "recording";
            }
        };
        try (Transformer model = Transformer.random(config(), 12);
             Trainer trainer = new Trainer(model, settings(4, 1e-3))) {
            trainer.trainPairs(data, new ReferenceLogProbs(refChosen, new double[plain.size()]), recording, 1);
        }
        assertEquals(plain.size(), seen.size());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals((float) (0.5 + i / 24.0), seen.get((float) -i), 0f, "pair " + i);
        }
    }

    private static final class StopHere extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
