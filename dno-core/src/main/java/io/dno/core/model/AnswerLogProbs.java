package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDManager;
import io.dno.core.data.Prompt;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact log-probability log π(y | x) of given answers under a {@link TransformerPolicy}, for every prompt and
 * answer: the policy's own prompt ids and response ids (with EOS, as training scores them), one forward pass per
 * batch, no gradient. For a small answer space this is the whole policy π(· | x), with no sampling noise: what a
 * bandit experiment needs to measure distances and win rates between iterates. Tensor-free result.
 */
public final class AnswerLogProbs {
    private AnswerLogProbs() {}

    /**
     * @return {@code [prompt][answer]}: log π(answers[j] | prompts[i]), in prompt and answer order
     */
    public static double[][] of(TransformerPolicy policy, List<Prompt> prompts, List<String> answers, int batchSize) {
        checkArgument(batchSize >= 1, "batch size must be >= 1, got %s", batchSize);
        checkArgument(!answers.isEmpty(), "no answers to score");
        List<int[]> promptIds = new ArrayList<>();
        List<int[]> answerIds = new ArrayList<>();
        for (Prompt p : prompts) {
            int[] ids = policy.promptIds(p.text());
            for (String a : answers) {
                promptIds.add(ids);
                answerIds.add(policy.responseIds(a));
            }
        }
        double[] flat = new double[promptIds.size()];
        Transformer model = policy.model();
        for (int start = 0; start < flat.length; start += batchSize) {
            int end = Math.min(flat.length, start + batchSize);
            try (NDManager m = model.manager().newSubManager()) {
                float[] sums = LogProbs.sequences(model, m, promptIds.subList(start, end), answerIds.subList(start, end),
                        policy.tokenizer().padId()).sums().toFloatArray();                  // (B)
                for (int k = 0; k < sums.length; k++) {
                    flat[start + k] = sums[k];
                }
            }
        }
        double[][] out = new double[prompts.size()][answers.size()];
        for (int i = 0; i < prompts.size(); i++) {
            System.arraycopy(flat, i * answers.size(), out[i], 0, answers.size());
        }
        return out;
    }
}
