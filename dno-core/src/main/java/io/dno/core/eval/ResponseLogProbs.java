package io.dno.core.eval;

import io.dno.core.data.PreferencePair;
import io.dno.core.model.ContinuationLogLikelihoods;
import io.dno.core.model.TransformerPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * log π(y | x) of the chosen and rejected answers of preference pairs under a local policy, tokenised as training
 * tokenises them ({@link TransformerPolicy#promptIds}: BOS + the formatted prompt; {@link TransformerPolicy#responseIds}:
 * the answer + EOS), so the numbers are those a DPO loss on these pairs would see.
 */
public final class ResponseLogProbs {
    private ResponseLogProbs() {}

    /** Chosen and rejected log-probabilities: {@code [0][i]} for pair i's chosen answer, {@code [1][i]} rejected. */
    public static double[][] of(TransformerPolicy policy, List<PreferencePair> pairs) {
        List<int[]> prompts = new ArrayList<>();
        List<int[]> responses = new ArrayList<>();
        for (PreferencePair p : pairs) {
            prompts.add(policy.promptIds(p.prompt().text()));
            responses.add(policy.responseIds(p.chosen().text()));
        }
        for (PreferencePair p : pairs) {
            prompts.add(policy.promptIds(p.prompt().text()));
            responses.add(policy.responseIds(p.rejected().text()));
        }
        double[] all = ContinuationLogLikelihoods.sums(policy.model(), prompts, responses, policy.tokenizer().padId());
        int n = pairs.size();
        return new double[][] {java.util.Arrays.copyOfRange(all, 0, n), java.util.Arrays.copyOfRange(all, n, 2 * n)};
    }
}
