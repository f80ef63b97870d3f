package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequence log-probabilities of responses under a {@link Transformer}, the quantity every preference loss
 * consumes (TRL {@code concatenated_forward}): one forward pass over prompt + response, log-softmax of the
 * logits, the log-probability of each next token gathered, prompt and padding masked out.
 *
 * <p>The arrays are created in the given manager and are differentiable with respect to the model's
 * parameters when computed inside a GradientCollector.
 */
public final class LogProbs {

    private LogProbs() {}

    /** Log-probabilities of {@code responses[i]} after {@code prompts[i]}, right-padded. */
    public static SequenceLogProbs sequences(Transformer model, NDManager m, List<int[]> prompts,
                                             List<int[]> responses, int padId) {
        return sequences(model, m, prompts, responses, padId, Padding.RIGHT);
    }

    /** As {@link #sequences(Transformer, NDManager, List, List, int)} with the given padding side. */
    public static SequenceLogProbs sequences(Transformer model, NDManager m, List<int[]> prompts,
                                             List<int[]> responses, int padId, Padding padding) {
        PaddedBatch batch = PaddedBatch.of(m, prompts, responses, padding, padId);
        NDArray logits = model.logits(batch.inputIds(), batch.attentionMask());              // (B, T, V)
        return fromLogits(logits, batch.inputIds(), batch.responseMask());
    }

    /**
     * Gathers the response-token log-probs from logits of the whole batch.
     *
     * @param logits       (B, T, V)
     * @param inputIds     (B, T) int64
     * @param responseMask (B, T) float32, 1 at scored tokens
     */
    public static SequenceLogProbs fromLogits(NDArray logits, NDArray inputIds, NDArray responseMask) {
        long t = inputIds.getShape().get(1);
        checkArgument(t >= 2, "a sequence needs a prompt token and a response token, got length %s", t);
        // log-softmax over all T positions, not a slice of the first T-1: slicing (B, T, V) costs a zero-filled
        // (B, T, V) gradient in backward; the last position's value is computed and dropped instead
        NDArray logp = logits.logSoftmax(-1);                                               // (B, T, V)
        NDArray first = inputIds.get(new NDIndex(":, :1")).zerosLike();                     // (B, 1) int64
        NDArray next = inputIds.get(new NDIndex(":, 1:")).concat(first, 1).expandDims(2);   // (B, T, 1) ids t+1
        NDArray picked = logp.gather(next, 2).squeeze(2);                                   // (B, T) log p(id t+1)
        NDArray aligned = first.toType(picked.getDataType(), false)
                .concat(picked.get(new NDIndex(":, :{}", t - 1)), 1);                       // (B, T) log p(id t)
        NDArray tokens = aligned.mul(responseMask);                                         // (B, T)
        return new SequenceLogProbs(tokens, tokens.sum(new int[] {1}), responseMask.sum(new int[] {1}));
    }

    /**
     * Scores B (prompt, chosen, rejected) triples as one batch of 2B sequences (chosen rows first) in one
     * forward pass, as DPO-family training needs (Rafailov et al. 2023; TRL concatenated forward).
     */
    public static ChosenRejectedLogProbs chosenRejected(Transformer model, NDManager m, List<int[]> prompts,
                                                        List<int[]> chosen, List<int[]> rejected, int padId) {
        checkArgument(prompts.size() == chosen.size() && prompts.size() == rejected.size(),
                "need one chosen and one rejected response per prompt, got %s prompts, %s chosen, %s rejected",
                prompts.size(), chosen.size(), rejected.size());
        List<int[]> allPrompts = new ArrayList<>(prompts);
        allPrompts.addAll(prompts);
        List<int[]> allResponses = new ArrayList<>(chosen);
        allResponses.addAll(rejected);
        SequenceLogProbs all = sequences(model, m, allPrompts, allResponses, padId);
        NDList sums = all.sums().split(2, 0);                                               // 2 × (B)
        NDList counts = all.tokenCounts().split(2, 0);                                      // 2 × (B)
        return new ChosenRejectedLogProbs(sums.get(0), sums.get(1), counts.get(0), counts.get(1));
    }
}
