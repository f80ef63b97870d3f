package io.dno.core.policy;

import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.TrainerSettings;
import io.dno.core.train.TrainingSession;
import java.nio.file.Path;
import java.util.List;

/**
 * What the alignment loop needs of a policy beyond answering prompts: its own tokenisation of training data,
 * log-probabilities of pairs under its current weights (the next iteration's reference, Rosset et al. 2024
 * Eq. 13), a training session over its trainable weights, and saving and loading an iterate. Tensor-free: an
 * implementation keeps its tensors to itself. {@code io.dno.core.model.TransformerPolicy} trains every weight;
 * {@code io.dno.core.peft.LoraPolicy} only a LoRA adapter's.
 */
public interface TrainablePolicy extends Policy {

    /** The ids the policy is conditioned on for a prompt's text (format, BOS). */
    int[] promptIds(String promptText);

    /** The ids scored for a response's text (with the end-of-sequence id, so training teaches stopping). */
    int[] responseIds(String responseText);

    /** The id of padded positions in training batches. */
    int padId();

    /** log π(y|x) summed over each side of every pair under the current weights, no gradient recorded. */
    ReferenceLogProbs logProbs(List<TokenizedPair> pairs, int batchSize);

    /** A training session over the trainable weights, starting from the current ones; close it when done. */
    TrainingSession training(TrainerSettings settings);

    /** Writes the current iterate into {@code dir} (a model checkpoint, or an adapter directory). */
    void saveIterate(Path dir);

    /** Replaces the current weights with the iterate saved in {@code dir}. */
    void loadIterate(Path dir);

    /** The architecture and what trains, recorded in run.json and compared when a run resumes. */
    String describe();
}
