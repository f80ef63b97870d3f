package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-token log-probabilities of whole token sequences, with each position's most likely alternatives, as plain
 * numbers: what an OpenAI-style {@code logprobs} answer (and lm-evaluation-harness's {@code echo} scoring) needs.
 * The chosen tokens' values come from {@link LogProbs#fromLogits} on a right-padded {@link PaddedBatch}, the code
 * {@code dno logprobs} and training use, so the two agree to float rounding.
 */
public final class TokenLogProbs {
    private static final int BATCH = 8;

    private TokenLogProbs() {}

    /**
     * One sequence's scores.
     *
     * @param ids         the sequence
     * @param logProbs    at j ≥ 1, log p(ids[j] | ids[&lt;j]); NaN at j = 0 (the first token has no context)
     * @param topIds      at j ≥ 1, the k most likely ids at position j (most likely first); empty at j = 0
     * @param topLogProbs their log-probabilities, aligned with {@code topIds}
     */
    public record Scored(int[] ids, double[] logProbs, int[][] topIds, double[][] topLogProbs) {}

    /**
     * Scores every sequence (each non-empty).
     *
     * @param topK       alternatives per position, 0 for none
     * @param vocabLimit alternatives are drawn from ids below this (the tokenizer's size when the model's vocabulary
     *                   is padded beyond it); the log-probabilities are still normalised over the whole vocabulary
     * @param padId      id at padded positions (never attended to)
     */
    public static List<Scored> score(Transformer model, List<int[]> sequences, int topK, int vocabLimit, int padId) {
        checkArgument(topK >= 0, "topK must be >= 0, got %s", topK);
        checkArgument(vocabLimit >= 1 && vocabLimit <= model.config().vocabSize(), "vocabLimit must be in [1, %s], got %s",
                model.config().vocabSize(), vocabLimit);
        List<Scored> out = new ArrayList<>();
        for (int start = 0; start < sequences.size(); start += BATCH) {
            out.addAll(scoreBatch(model, sequences.subList(start, Math.min(sequences.size(), start + BATCH)),
                    Math.min(topK, vocabLimit), vocabLimit, padId));
        }
        return out;
    }

    private static List<Scored> scoreBatch(Transformer model, List<int[]> rows, int topK, int vocabLimit, int padId) {
        int b = rows.size();
        int t = rows.stream().mapToInt(r -> r.length).max().orElseThrow();
        List<int[]> firsts = new ArrayList<>();
        List<int[]> rests = new ArrayList<>();
        for (int[] r : rows) {
            checkArgument(r.length >= 1, "a sequence to score is empty");
            firsts.add(new int[] {r[0]});
            rests.add(Arrays.copyOfRange(r, 1, r.length));
        }
        float[] chosen = new float[b * t];
        float[] topValues = new float[0];
        long[] topIndices = new long[0];
        if (t >= 2) {
            try (NDManager m = model.manager().newSubManager()) {
                PaddedBatch batch = PaddedBatch.of(m, firsts, rests, Padding.RIGHT, padId);
                NDArray logits = model.logits(batch.inputIds(), batch.attentionMask());                // (B, T, V)
                chosen = LogProbs.fromLogits(logits, batch.inputIds(), batch.responseMask())
                        .tokenLogProbs().toFloatArray();                                                // (B * T)
                if (topK > 0) {
                    NDArray logp = logits.get(new NDIndex(":, :{}, :", t - 1)).logSoftmax(-1)
                            .get(new NDIndex(":, :, :{}", vocabLimit));                                 // (B, T-1, V')
                    NDList top = logp.topK(topK, 2, true, true);                                        // 2 × (B, T-1, k)
                    topValues = top.get(0).toFloatArray();
                    topIndices = top.get(1).toLongArray();
                }
            }
        }
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            int[] ids = rows.get(i);
            double[] lp = new double[ids.length];
            int[][] topIds = new int[ids.length][];
            double[][] topLp = new double[ids.length][];
            lp[0] = Double.NaN;
            topIds[0] = new int[0];
            topLp[0] = new double[0];
            for (int j = 1; j < ids.length; j++) {
                lp[j] = chosen[i * t + j];
                topIds[j] = new int[topK];
                topLp[j] = new double[topK];
                for (int k = 0; k < topK; k++) {
                    int at = (i * (t - 1) + (j - 1)) * topK + k;                      // logits row j-1 predicts j
                    topIds[j][k] = Math.toIntExact(topIndices[at]);
                    topLp[j][k] = topValues[at];
                }
            }
            out.add(new Scored(ids, lp, topIds, topLp));
        }
        return out;
    }
}
