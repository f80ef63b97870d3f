package io.dno.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Two trainers on two threads at once (DJL's own gradient collector allows one per JVM), and plain random batches when
 * grouping by length is off.
 */
class ConcurrentTrainingTest {
    private static final int PAD = 0;

    private static TransformerConfig config() {
        return TransformerConfig.llama(24, 32, 64, 2, 4, 2, 64).withTiedEmbeddings(true);
    }

    private static List<TokenizedDemonstration> demonstrations(long seed) {
        Random random = new Random(seed);
        List<TokenizedDemonstration> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int[] prompt = random.ints(1 + random.nextInt(4), 1, 20).toArray();
            int[] response = random.ints(1 + random.nextInt(6), 1, 20).toArray();
            out.add(new TokenizedDemonstration(prompt, response));
        }
        return out;
    }

    /** Trains a fresh model on {@code data} for one epoch (4 steps) and returns its weights. */
    private static Map<String, float[]> train(List<TokenizedDemonstration> data, long seed) {
        try (Transformer model = Transformer.random(config(), seed);
             Trainer trainer = new Trainer(model, TrainerSettings.defaults(3e-3, PAD).withBatchSize(8).withSeed(seed)
                     .withGroupByLength(false))) {
            trainer.trainDemonstrations(data, TestLosses.sft(), 1);
            Map<String, float[]> out = new LinkedHashMap<>();
            model.parameters().forEach((name, p) -> out.put(name, p.toFloatArray()));
            return out;
        }
    }

    @Test
    void twoTrainersOnTwoThreadsAtOnceGiveWhatEachGivesAlone() throws Exception {
        List<TokenizedDemonstration> a = demonstrations(1);
        List<TokenizedDemonstration> b = demonstrations(2);
        Map<String, float[]> aloneA = train(a, 3);
        Map<String, float[]> aloneB = train(b, 4);
        ExecutorService pool = Executors.newFixedThreadPool(2);          // fresh threads: PyTorch's grad mode is on
        try {
            CompletableFuture<Map<String, float[]>> fa = CompletableFuture.supplyAsync(() -> train(a, 3), pool);
            CompletableFuture<Map<String, float[]>> fb = CompletableFuture.supplyAsync(() -> train(b, 4), pool);
            Map<String, float[]> togetherA = fa.get();
            Map<String, float[]> togetherB = fb.get();
            aloneA.forEach((name, w) -> assertArrayEquals(w, togetherA.get(name), 0f, name));
            aloneB.forEach((name, w) -> assertArrayEquals(w, togetherB.get(name), 0f, name));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutGroupingEachStepTrainsOnTheShuffledPlansBatch() {
        List<TokenizedDemonstration> data = demonstrations(5);
        List<int[]> plan = LengthGroupedBatches.shuffled(data.size(), 8, 6, 0);
        try (Transformer model = Transformer.random(config(), 6);
             Trainer trainer = new Trainer(model, TrainerSettings.defaults(1e-3, PAD).withBatchSize(8).withSeed(6)
                     .withGroupByLength(false))) {
            List<StepMetrics> steps = trainer.trainDemonstrations(data, TestLosses.sft(), 1);
            assertEquals(plan.size(), steps.size());
            for (int s = 0; s < steps.size(); s++) {
                long tokens = Arrays.stream(plan.get(s)).mapToLong(i -> data.get(i).length()).sum();
                assertEquals(tokens, steps.get(s).tokens(), "step " + s);
            }
        }
    }

    @Test
    void theShuffledPlanCoversEveryExampleOnceInRandomOrderAndIsReproducible() {
        int[] lengths = new Random(1).ints(1000, 1, 300).toArray();
        List<int[]> plan = LengthGroupedBatches.shuffled(lengths.length, 8, 42, 0);
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
        assertEquals(plan.stream().map(Arrays::toString).toList(),
                LengthGroupedBatches.shuffled(lengths.length, 8, 42, 0).stream().map(Arrays::toString).toList());
        double spread = plan.stream().mapToInt(b -> Arrays.stream(b).map(i -> lengths[i]).max().orElse(0)
                - Arrays.stream(b).map(i -> lengths[i]).min().orElse(0)).average().orElseThrow();
        assertTrue(spread > 100, "random batches mix lengths: mean in-batch spread " + spread);
    }
}
