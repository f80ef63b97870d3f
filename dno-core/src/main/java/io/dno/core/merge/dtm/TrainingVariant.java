package io.dno.core.merge.dtm;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The hyperparameters that differ between the models of one comparison: DTM's sub-models share one variant
 * (the official code seeds every sub-model alike); a uniform soup averages models of different variants.
 *
 * @param seed         seed of the batch order
 * @param learningRate peak learning rate
 */
public record TrainingVariant(long seed, double learningRate) {
    public TrainingVariant {
        checkArgument(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0, got %s", learningRate);
    }
}
