package io.dno.core.merge;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * What to merge and how. Parameters a method does not use are ignored.
 *
 * @param method    the merge method
 * @param weights   one weight per model, each finite and >= 0 with a positive sum; empty means 1 for every model
 *                  (whether they are divided by their sum is {@code normalize})
 * @param lambda    scale of the merged task vector (task arithmetic, TIES, DARE); 1 adds it unscaled
 * @param density   fraction of each task vector's entries TIES keeps, by magnitude, per tensor; in (0, 1]
 * @param drop      probability {@code p} with which DARE zeroes each task-vector entry (mergekit's
 *                  {@code density} is {@code 1 − p}); in [0, 1)
 * @param t         SLERP interpolation: 0 gives the first model, 1 the second; in [0, 1]
 * @param seed      seed of DARE's masks: the same seed gives the same merge
 * @param normalize mergekit's {@code normalize}: divide the merged sum by the sum of the (agreeing) weights;
 *                  {@link MergeMethod#normalizesByDefault()} by default (formulas in {@link MergeMethod})
 * @param rescale   mergekit's {@code rescale}: scale each trimmed or dropped task vector back to its L1 norm;
 *                  {@link MergeMethod#rescalesByDefault()} by default
 */
public record MergeSettings(MergeMethod method, List<Double> weights, double lambda, double density, double drop,
                            double t, long seed, boolean normalize, boolean rescale) {

    public MergeSettings {
        checkArgument(method != null, "a merge method is required");
        checkArgument(weights != null, "weights must not be null (use an empty list for equal weights)");
        weights = ImmutableList.copyOf(weights);
        for (int i = 0; i < weights.size(); i++) {
            Double w = weights.get(i);
            checkArgument(Double.isFinite(w) && w >= 0, "weight %s of model %s must be finite and >= 0", w,
                    Integer.valueOf(i + 1));
        }
        checkArgument(weights.isEmpty() || weights.stream().mapToDouble(Double::doubleValue).sum() > 0,
                "the weights %s sum to 0; give at least one model a positive weight", weights);
        checkArgument(Double.isFinite(lambda), "lambda must be finite, got %s", lambda);
        checkArgument(density > 0 && density <= 1, "density must be in (0, 1] (the fraction TIES keeps), got %s",
                density);
        checkArgument(drop >= 0 && drop < 1, "drop must be in [0, 1) (DARE's drop probability), got %s", drop);
        checkArgument(t >= 0 && t <= 1, "t must be in [0, 1] (0 = first model, 1 = second), got %s", t);
    }

    /** As the canonical constructor, with mergekit's {@code normalize} and {@code rescale} defaults for the method. */
    public MergeSettings(MergeMethod method, List<Double> weights, double lambda, double density, double drop, double t,
                         long seed) {
        this(method, weights, lambda, density, drop, t, seed, method != null && method.normalizesByDefault(),
                method != null && method.rescalesByDefault());
    }

    /**
     * {@code method} with equal weights, λ = 1, density 0.2 (TIES paper's k = 20%), drop 0.9 (DARE paper), t = 0.5,
     * seed 0, and mergekit's {@code normalize} and {@code rescale} defaults for the method.
     */
    public static MergeSettings of(MergeMethod method) {
        return new MergeSettings(method, List.of(), 1.0, 0.2, 0.9, 0.5, 0L);
    }

    public MergeSettings withWeights(List<Double> w) {
        return new MergeSettings(method, w, lambda, density, drop, t, seed, normalize, rescale);
    }

    public MergeSettings withLambda(double l) {
        return new MergeSettings(method, weights, l, density, drop, t, seed, normalize, rescale);
    }

    public MergeSettings withDensity(double d) {
        return new MergeSettings(method, weights, lambda, d, drop, t, seed, normalize, rescale);
    }

    public MergeSettings withDrop(double p) {
        return new MergeSettings(method, weights, lambda, density, p, t, seed, normalize, rescale);
    }

    public MergeSettings withT(double value) {
        return new MergeSettings(method, weights, lambda, density, drop, value, seed, normalize, rescale);
    }

    public MergeSettings withSeed(long s) {
        return new MergeSettings(method, weights, lambda, density, drop, t, s, normalize, rescale);
    }

    /** mergekit's {@code normalize} set to {@code on}. */
    public MergeSettings withNormalize(boolean on) {
        return new MergeSettings(method, weights, lambda, density, drop, t, seed, on, rescale);
    }

    /** mergekit's {@code rescale} set to {@code on}. */
    public MergeSettings withRescale(boolean on) {
        return new MergeSettings(method, weights, lambda, density, drop, t, seed, normalize, on);
    }

    /** The weight of model {@code i} of {@code count}, checking that the number of weights matches. */
    double weight(int i, int count) {
        checkArgument(weights.isEmpty() || weights.size() == count, "%s weights given for %s models; give one per model",
                weights.size(), count);
        return weights.isEmpty() ? 1.0 : weights.get(i);
    }
}
