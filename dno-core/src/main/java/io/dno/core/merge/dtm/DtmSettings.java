package io.dno.core.merge.dtm;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.dno.core.merge.MergeMethod;
import io.dno.core.merge.MergeSettings;
import java.util.List;

/**
 * A Disperse-Then-Merge comparison.
 *
 * @param k       number of portions and sub-models (the paper's default is 4)
 * @param split   how to disperse: random, or k-means on TF-IDF of {@code field}
 * @param field   the text k-means clusters (ignored by a random split)
 * @param seed    seed of the split
 * @param variant hyperparameters of the sub-models and of the single full-data model
 * @param merge   how sub-models are merged (the paper: a uniform average, {@link MergeMethod#LINEAR})
 * @param soup    variants of the full-data models averaged into the uniform soup (at least two)
 */
public record DtmSettings(int k, Split split, DemonstrationSplits.Field field, long seed, TrainingVariant variant,
                          MergeSettings merge, List<TrainingVariant> soup) {
    /** How the data is dispersed. */
    public enum Split { RANDOM, KMEANS }

    public DtmSettings {
        checkArgument(k >= 2, "k must be >= 2 portions, got %s", k);
        checkArgument(split != null && field != null && variant != null && merge != null, "all settings are required");
        checkArgument(merge.method() != MergeMethod.SLERP, "slerp merges two models; DTM merges k = %s", k);
        soup = ImmutableList.copyOf(soup);
        checkArgument(soup.size() >= 2, "a uniform soup needs at least two variants, got %s", soup.size());
    }

    /** The paper's defaults: K = 4, random split, uniform average; the soup varies seed and learning rate (×0.5, ×1, ×2). */
    public static DtmSettings paperDefaults(TrainingVariant variant) {
        double lr = variant.learningRate();
        return new DtmSettings(4, Split.RANDOM, DemonstrationSplits.Field.RESPONSE, 0L, variant,
                MergeSettings.of(MergeMethod.LINEAR), List.of(new TrainingVariant(variant.seed() + 1, lr * 0.5),
                        new TrainingVariant(variant.seed() + 2, lr), new TrainingVariant(variant.seed() + 3, lr * 2)));
    }
}
