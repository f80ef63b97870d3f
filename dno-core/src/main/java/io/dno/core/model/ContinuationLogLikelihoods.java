package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Σ log p(continuation | context) for (context, continuation) token pairs, as plain numbers: the quantity of
 * lm-evaluation-harness's {@code loglikelihood} requests and of implicit-reward accuracy. Computed by
 * {@link LogProbs#sequences} in right-padded batches.
 */
public final class ContinuationLogLikelihoods {
    private static final int BATCH = 8;

    private ContinuationLogLikelihoods() {}

    /** One sum per pair, in order; each context non-empty, each continuation non-empty. */
    public static double[] sums(Transformer model, List<int[]> contexts, List<int[]> continuations, int padId) {
        checkArgument(contexts.size() == continuations.size(), "%s contexts for %s continuations", contexts.size(),
                continuations.size());
        double[] out = new double[contexts.size()];
        for (int start = 0; start < contexts.size(); start += BATCH) {
            int end = Math.min(contexts.size(), start + BATCH);
            for (int i = start; i < end; i++) {
                checkArgument(continuations.get(i).length >= 1, "continuation %s has no tokens", i);
            }
            try (NDManager m = model.manager().newSubManager()) {
                float[] sums = LogProbs.sequences(model, m, contexts.subList(start, end),
                        continuations.subList(start, end), padId).sums().toFloatArray();       // (B)
                for (int i = 0; i < sums.length; i++) {
                    out[start + i] = sums[i];
                }
            }
        }
        return out;
    }
}
