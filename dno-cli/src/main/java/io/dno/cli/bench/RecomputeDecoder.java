package io.dno.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.dno.core.model.TokenSampler;
import io.dno.core.model.Transformer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Greedy decoding without a KV cache, the baseline of {@code kv_speedup}: every step runs the whole
 * sequence so far through the model and keeps the last position's logits, then picks the token with the
 * same {@link TokenSampler} the {@link io.dno.core.model.Generator} uses. Prompts of equal length, no end
 * token: every row produces exactly {@code newTokens} tokens.
 */
final class RecomputeDecoder {
    private RecomputeDecoder() {}

    /** Row r's generated tokens for prompts of one length. */
    static int[][] greedy(Transformer model, List<int[]> prompts, int newTokens) {
        int rows = prompts.size();
        int p = prompts.get(0).length;
        int vocab = model.config().vocabSize();
        long[] ids = new long[rows * (p + newTokens)];
        int[][] out = new int[rows][newTokens];
        TokenSampler greedy = new TokenSampler(0, 0, 1);
        SplittableRandom unused = new SplittableRandom(0);
        for (int step = 0; step < newTokens; step++) {
            int len = p + step;
            long[] window = new long[rows * len];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < len; j++) {
                    window[r * len + j] = j < p ? prompts.get(r)[j] : out[r][j - p];
                }
            }
            float[] last;
            try (NDManager m = model.manager().newSubManager()) {
                Shape shape = new Shape(rows, len);
                NDArray logits = model.logits(m.create(window, shape), m.ones(shape));              // (N, len, V)
                last = logits.get(new NDIndex(":, -1, :")).toFloatArray();                        // (N, V)
            }
            for (int r = 0; r < rows; r++) {
                out[r][step] = greedy.sample(last, r * vocab, vocab, unused);
            }
        }
        return out;
    }
}
