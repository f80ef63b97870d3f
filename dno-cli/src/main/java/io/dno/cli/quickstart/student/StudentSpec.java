package io.dno.cli.quickstart.student;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.model.TransformerConfig;

/**
 * The student's size and its SFT initialisation budget: knobs shared by every method of the experiment.
 *
 * @param hiddenSize       model width
 * @param intermediateSize SwiGLU width
 * @param layers           decoder layers
 * @param heads            attention heads (2 key/value heads when divisible, else as many as heads)
 * @param sftEpochs        epochs over the teacher demonstrations
 * @param sftBatchSize     demonstrations per optimiser step
 * @param sftLearningRate  peak learning rate of the SFT cosine schedule
 * @param maxNewTokens     longest answer sampled, in characters
 */
public record StudentSpec(int hiddenSize, int intermediateSize, int layers, int heads, int sftEpochs,
                          int sftBatchSize, double sftLearningRate, int maxNewTokens) {

    /**
     * The default student: about 95k parameters (width 64, SwiGLU 176, 2 layers), 8 epochs at batch 64 and peak lr
     * 3e-3 over the default 12,000 SFT prompts (1,500 steps). Measured with {@code QuickstartSizing} (RESULTS.md):
     * on clean labels it learns every family to 0.97 or more on held-out prompts (gate G1).
     */
    public static final StudentSpec DEFAULT = new StudentSpec(64, 176, 2, 4, 8, 64, 3e-3, 16);

    public StudentSpec {
        checkArgument(hiddenSize >= 2 && heads >= 1 && hiddenSize % heads == 0 && (hiddenSize / heads) % 2 == 0,
                "hiddenSize %s must be a multiple of heads %s with an even head width", hiddenSize, heads);
        checkArgument(intermediateSize >= 1 && layers >= 1, "intermediateSize and layers must be >= 1");
        checkArgument(sftEpochs >= 1 && sftBatchSize >= 1, "sftEpochs and sftBatchSize must be >= 1");
        checkArgument(sftLearningRate > 0 && Double.isFinite(sftLearningRate), "sftLearningRate must be > 0");
        checkArgument(maxNewTokens >= 1, "maxNewTokens must be >= 1");
    }

    /** The llama config of this student over a vocabulary of {@code vocabSize} ids. */
    public TransformerConfig config(int vocabSize) {
        int kvHeads = heads % 2 == 0 ? 2 : heads;
        return TransformerConfig.llama(vocabSize, hiddenSize, intermediateSize, layers, heads, kvHeads, 64)
                .withTiedEmbeddings(true);
    }

    public StudentSpec withSftEpochs(int epochs) {
        return new StudentSpec(hiddenSize, intermediateSize, layers, heads, epochs, sftBatchSize, sftLearningRate,
                maxNewTokens);
    }

    public StudentSpec withSize(int hidden, int intermediate, int layerCount, int headCount) {
        return new StudentSpec(hidden, intermediate, layerCount, headCount, sftEpochs, sftBatchSize, sftLearningRate,
                maxNewTokens);
    }

    public StudentSpec withSftBatchSize(int batch) {
        return new StudentSpec(hiddenSize, intermediateSize, layers, heads, sftEpochs, batch, sftLearningRate,
                maxNewTokens);
    }

    public StudentSpec withSftLearningRate(double lr) {
        return new StudentSpec(hiddenSize, intermediateSize, layers, heads, sftEpochs, sftBatchSize, lr,
                maxNewTokens);
    }
}
