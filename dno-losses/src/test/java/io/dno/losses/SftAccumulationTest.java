package io.dno.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import io.dno.core.model.LogProbs;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.train.Loss;
import io.dno.core.train.StepMetrics;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's input for token-averaged losses under gradient accumulation: batch 2, accumulation 2, a
 * demonstration of 1 response token and one of 99. One batch and two micro-batches must give the same step:
 * the same loss (the token mean over all 100 tokens), the same gradient norm and the same weights.
 */
class SftAccumulationTest {
    private static final int PAD = 0;

    private static final List<TokenizedDemonstration> DEMOS = List.of(
            new TokenizedDemonstration(new int[] {1, 2, 3}, new int[] {7}),
            new TokenizedDemonstration(new int[] {4, 5}, responseOf(99)));

    @Test
    void sftAccumulationGivesTheOneBatchStep() {
        Step whole = step(Losses.sft(), 1);
        Step accumulated = step(Losses.sft(), 2);
        assertEquals(whole.tokenMean, whole.metrics.loss(), 1e-5, "one batch: the mean over all 100 tokens");
        assertEquals(whole.metrics.loss(), accumulated.metrics.loss(), 1e-5, "loss");
        assertEquals(whole.metrics.gradNorm(), accumulated.metrics.gradNorm(), 1e-5 * whole.metrics.gradNorm(),
                "gradient norm");
        whole.weights.forEach((name, w) -> assertArrayEquals(w, accumulated.weights.get(name), 1e-6f, name));
    }

    @Test
    void theNllTermOfRpoIsExactUnderAccumulationToo() {
        Loss rpo = Losses.withNll(Losses.sft(), 1.0);       // the NLL mix-in over a token-averaged inner loss
        Step whole = step(rpo, 1);
        Step accumulated = step(rpo, 2);
        assertEquals(whole.metrics.metrics().get("nll_loss"), accumulated.metrics.metrics().get("nll_loss"), 1e-5);
        assertEquals(whole.metrics.loss(), accumulated.metrics.loss(), 1e-5);
    }

    private record Step(StepMetrics metrics, double tokenMean, Map<String, float[]> weights) {}

    /** One optimiser step of batch 2 in {@code micro} micro-batches from the same random model. */
    private static Step step(Loss loss, int micro) {
        TransformerConfig config = TransformerConfig.llama(16, 32, 64, 2, 4, 2, 128);
        TrainerSettings settings = TrainerSettings.defaults(1e-3, PAD).withBatchSize(2).withGradientAccumulation(micro)
                .withMaxGradNorm(0);
        try (Transformer model = Transformer.random(config, 3);
             Trainer trainer = new Trainer(model, settings);
             NDManager m = model.manager().newSubManager()) {
            float[] sums = LogProbs.sequences(model, m,
                    DEMOS.stream().map(TokenizedDemonstration::prompt).toList(),
                    DEMOS.stream().map(TokenizedDemonstration::response).toList(), PAD).sums().toFloatArray();
            double tokenMean = -(sums[0] + sums[1]) / 100.0;
            List<StepMetrics> steps = trainer.trainDemonstrations(DEMOS, loss, 1);
            assertEquals(1, steps.size());
            Map<String, float[]> weights = new LinkedHashMap<>();
            model.parameters().forEach((name, p) -> weights.put(name, p.toFloatArray()));
            return new Step(steps.get(0), tokenMean, weights);
        }
    }

    private static int[] responseOf(int length) {
        int[] ids = new int[length];
        Arrays.setAll(ids, i -> 1 + (i * 7) % 15);
        return ids;
    }
}
