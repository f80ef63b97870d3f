package io.dno.core.merge.dtm;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDManager;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Generation;
import io.dno.core.model.Generator;
import io.dno.core.model.LogProbs;
import io.dno.core.model.SequenceLogProbs;
import io.dno.core.model.Transformer;
import io.dno.core.policy.SamplingParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tensor-free scores of a checkpoint for comparing merged models: greedy answers (for exact-match accuracy)
 * and the mean negative log-likelihood per response token (for held-out language-model loss, the DTM
 * paper's proxy of forgetting). Inputs and outputs are token ids and plain numbers.
 */
public final class CheckpointScores implements AutoCloseable {
    private static final int BATCH = 64;

    private final Transformer model;
    private final int padId;
    private final int eosId;

    private CheckpointScores(Transformer model, int padId, int eosId) {
        this.model = model;
        this.padId = padId;
        this.eosId = eosId;
    }

    /** Loads the checkpoint in {@code dir}. */
    public static CheckpointScores load(Path dir, int padId, int eosId) {
        return new CheckpointScores(CheckpointDir.load(dir), padId, eosId);
    }

    /** The greedy continuation of each prompt, without the end-of-sequence id, at most {@code maxNewTokens} long. */
    public List<int[]> greedy(List<int[]> prompts, int maxNewTokens) {
        Generator generator = new Generator(model, padId, Set.of(eosId), tokens -> false);
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < prompts.size(); start += BATCH) {
            List<int[]> batch = prompts.subList(start, Math.min(prompts.size(), start + BATCH));
            for (List<Generation> g : generator.generate(batch, SamplingParams.greedy(maxNewTokens))) {
                out.add(g.get(0).tokens());
            }
        }
        return out;
    }

    /** Σ −log p(response tokens | prompt) / number of response tokens, over all pairs. */
    public double meanTokenNll(List<int[]> prompts, List<int[]> responses) {
        checkArgument(prompts.size() == responses.size() && !prompts.isEmpty(),
                "need as many responses as prompts (and at least one), got %s and %s", prompts.size(), responses.size());
        double nll = 0;
        double tokens = 0;
        for (int start = 0; start < prompts.size(); start += BATCH) {
            int end = Math.min(prompts.size(), start + BATCH);
            try (NDManager m = model.manager().newSubManager()) {
                SequenceLogProbs lp = LogProbs.sequences(model, m, prompts.subList(start, end),
                        responses.subList(start, end), padId);
                for (float s : lp.sums().toFloatArray()) {                 // (B)
                    nll -= s;
                }
                for (float c : lp.tokenCounts().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray()) {
                    tokens += c;
                }
            }
        }
        return nll / tokens;
    }

    @Override
    public void close() {
        model.close();
    }
}
