package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogProbsTest {

    @Test
    void tokenLogProbsAreLogSoftmaxOfLogitsAtResponsePositionsAndZeroElsewhere() {
        try (Transformer model = Transformer.random(TinyConfigs.llamaGqaTied(), 11);
             NDManager m = model.manager().newSubManager()) {
            // given one prompt of 4 tokens and a response of 3, and a shorter second row (right padding)
            int[] prompt = {1, 40, 41, 42};
            int[] response = {50, 51, 2};
            List<int[]> prompts = List.of(prompt, new int[] {1, 7});
            List<int[]> responses = List.of(response, new int[] {9});
            // when
            SequenceLogProbs lp = LogProbs.sequences(model, m, prompts, responses, ByteTokenizer.PAD);
            // then column t holds log softmax(logits[t-1])[x_t] for response tokens of row 0
            PaddedBatch batch = PaddedBatch.of(m, prompts, responses, Padding.RIGHT, ByteTokenizer.PAD);
            float[] logits = model.logits(batch.inputIds(), batch.attentionMask()).get(0).toFloatArray(); // (T*V)
            float[] tokens = lp.tokenLogProbs().get(0).toFloatArray();
            int v = ByteTokenizer.VOCAB;
            double sum = 0;
            for (int t = 0; t < 7; t++) {
                if (t < prompt.length) {
                    assertEquals(0f, tokens[t], 0f, "prompt column " + t + " must be masked");
                } else {
                    double expected = logSoftmax(logits, (t - 1) * v, v, response[t - prompt.length]);
                    assertEquals(expected, tokens[t], 1e-5);
                    sum += expected;
                }
            }
            assertEquals(sum, lp.sums().getFloat(0), 1e-4);
            assertEquals(3f, lp.tokenCounts().getFloat(0));
            // and the padded row has exactly one scored token, nothing at padding
            float[] row1 = lp.tokenLogProbs().get(1).toFloatArray();
            assertTrue(row1[2] < 0);
            for (int t = 3; t < 7; t++) {
                assertEquals(0f, row1[t], 0f);
            }
            assertEquals(1f, lp.tokenCounts().getFloat(1));
        }
    }

    @Test
    void chosenRejectedScoresBothSidesInOneBatchAndIsDifferentiable() {
        try (Transformer model = Transformer.random(TinyConfigs.qwen2GqaUntied(), 12);
             NDManager m = model.manager().newSubManager()) {
            List<int[]> prompts = List.of(new int[] {1, 10, 11}, new int[] {1, 12});
            List<int[]> chosen = List.of(new int[] {20, 21, 2}, new int[] {22, 2});
            List<int[]> rejected = List.of(new int[] {30, 2}, new int[] {31, 32, 33, 2});
            float[] expectedChosen = LogProbs.sequences(model, m, prompts, chosen, 0).sums().toFloatArray();
            float[] expectedRejected = LogProbs.sequences(model, m, prompts, rejected, 0).sums().toFloatArray();
            NDArray embed = model.parameters().get(ParameterNames.EMBED);
            embed.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ChosenRejectedLogProbs lp = LogProbs.chosenRejected(model, m, prompts, chosen, rejected, 0);
                assertEquals(expectedChosen[1], lp.policyChosen().getFloat(1), 1e-5f);
                assertEquals(expectedRejected[0], lp.policyRejected().getFloat(0), 1e-5f);
                assertEquals(4f, lp.rejectedTokens().getFloat(1));
                gc.backward(lp.policyChosen().sub(lp.policyRejected()).sum());
            }
            NDArray grad = embed.getGradient();
            assertTrue(grad.abs().sum().getFloat() > 0, "gradient must reach the embedding");
            grad.close();
            embed.setRequiresGradient(false);
        }
    }

    private static double logSoftmax(float[] logits, int offset, int v, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < v; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        return logits[offset + target] - max - Math.log(sum);
    }
}
