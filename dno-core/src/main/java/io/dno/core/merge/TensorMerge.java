package io.dno.core.merge;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The arithmetic of every {@link MergeMethod} on one tensor, flattened: inputs are float32 values, sums run
 * in float64 and the result is rounded once to float32, so merging identical models returns them bit for bit.
 *
 * <p>Task vectors {@code τ_i = θ_i − base} are formed element by element in float64, never stored.
 * Sparsification is decided per tensor, as mergekit does: TIES keeps the {@code ⌊density·n⌋} (at least one)
 * entries of largest {@code |τ_i|} (ties broken by lower index); DARE keeps each entry with probability
 * {@code 1 − p} from a {@link SplittableRandom} seeded by (seed, tensor name, model index), so a merge is
 * reproducible and does not depend on the order tensors are visited in.
 */
public final class TensorMerge {
    /** mergekit's {@code DOT_THRESHOLD}: above this |cos| between the two tensors SLERP falls back to lerp. */
    public static final double SLERP_DOT_THRESHOLD = 0.9995;
    private static final double NORM_EPS = 1e-8;

    private TensorMerge() {}

    /**
     * Merges one tensor.
     *
     * @param name   the tensor's name (seeds DARE and appears in errors)
     * @param models the tensor of each model, all the same length
     * @param base   the base model's tensor, required by the task-vector methods, else ignored (may be null)
     */
    public static float[] merge(String name, List<float[]> models, float[] base, MergeSettings settings) {
        checkArgument(!models.isEmpty(), "tensor '%s': nothing to merge", name);
        int n = models.get(0).length;
        for (float[] m : models) {
            checkArgument(m.length == n, "tensor '%s': inputs have %s and %s elements", name, n, m.length);
        }
        MergeMethod method = settings.method();
        if (method.needsBase()) {
            checkArgument(base != null, "tensor '%s': %s needs the base model's tensor", name, method);
            checkArgument(base.length == n, "tensor '%s': base has %s elements, the models %s", name, base.length, n);
        }
        return switch (method) {
            case LINEAR -> linear(models, settings);
            case SLERP -> slerp(name, models, settings.t());
            case TASK_ARITHMETIC -> taskVectors(name, models, base, settings, null, false);
            case TIES -> taskVectors(name, models, base, settings, trimMasks(models, base, settings.density()), true);
            case DARE_LINEAR -> taskVectors(name, models, base, settings, dropMasks(name, n, models.size(), settings), false);
            case DARE_TIES -> taskVectors(name, models, base, settings, dropMasks(name, n, models.size(), settings), true);
        };
    }

    /** {@code Σ w_i θ_i / Σ w_i}. */
    private static float[] linear(List<float[]> models, MergeSettings s) {
        int k = models.size();
        double[] w = weights(s, k);
        double total = Arrays.stream(w).sum();
        int n = models.get(0).length;
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += w[i] * models.get(i)[j];
            }
            out[j] = (float) (sum / total);
        }
        return out;
    }

    /**
     * mergekit's {@code slerp}: with {@code v̂ = v/‖v‖} and {@code θ = arccos(v̂0·v̂1)}, the result is
     * {@code sin((1−t)θ)/sin θ · v0 + sin(tθ)/sin θ · v1}; {@code (1−t)v0 + t v1} when {@code |cos θ| > 0.9995}.
     */
    private static float[] slerp(String name, List<float[]> models, double t) {
        checkArgument(models.size() == 2, "tensor '%s': slerp merges exactly two models, got %s", name, models.size());
        float[] v0 = models.get(0);
        float[] v1 = models.get(1);
        double n0 = norm(v0);
        double n1 = norm(v1);
        double dot = 0;
        for (int j = 0; j < v0.length; j++) {
            dot += (v0[j] / (n0 > NORM_EPS ? n0 : 1)) * (v1[j] / (n1 > NORM_EPS ? n1 : 1));
        }
        double s0;
        double s1;
        if (Math.abs(dot) > SLERP_DOT_THRESHOLD) {
            s0 = 1 - t;
            s1 = t;
        } else {
            double theta = Math.acos(dot);
            double sinTheta = Math.sin(theta);
            s0 = Math.sin(theta - theta * t) / sinTheta;
            s1 = Math.sin(theta * t) / sinTheta;
        }
        float[] out = new float[v0.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) (s0 * v0[j] + s1 * v1[j]);
        }
        return out;
    }

    /**
     * {@code base + λ·merge(τ)} over the kept entries of each task vector (all when {@code keep} is null), scaled
     * by {@code 1/(1−p)} for DARE. Without sign election {@code merge(τ) = Σ w_i τ_i}; with it (TIES,
     * Yadav et al. 2023 Alg. 1 steps 2–3) the elected sign is that of {@code Σ w_i τ_i} (+ on 0) and
     * {@code merge(τ)} is the weighted mean of the entries with that sign (0 when none).
     */
    private static float[] taskVectors(String name, List<float[]> models, float[] base, MergeSettings s,
                                       BitSet[] keep, boolean electSign) {
        int k = models.size();
        double[] w = weights(s, k);
        boolean dare = s.method() == MergeMethod.DARE_LINEAR || s.method() == MergeMethod.DARE_TIES;
        double rescale = dare ? 1.0 / (1.0 - s.drop()) : 1.0;
        int n = base.length;
        float[] out = new float[n];
        double[] tau = new double[k];
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int i = 0; i < k; i++) {
                double d = keep == null || keep[i].get(j) ? ((double) models.get(i)[j] - base[j]) * rescale : 0.0;
                tau[i] = d;
                sum += w[i] * d;
            }
            double merged = sum;
            if (electSign) {
                double sign = sum >= 0 ? 1 : -1;
                double agree = 0;
                double mass = 0;
                for (int i = 0; i < k; i++) {
                    if (tau[i] != 0 && Math.signum(tau[i]) == sign) {
                        agree += w[i] * tau[i];
                        mass += w[i];
                    }
                }
                merged = mass > 0 ? agree / mass : 0;
            }
            out[j] = (float) (base[j] + s.lambda() * merged);
        }
        return out;
    }

    /** Per model, the {@code ⌊density·n⌋} (at least 1) entries of largest {@code |θ_i − base|}, lower index first on ties. */
    static BitSet[] trimMasks(List<float[]> models, float[] base, double density) {
        int n = base.length;
        int keepCount = Math.max(1, (int) Math.floor(density * n));
        BitSet[] masks = new BitSet[models.size()];
        float[] sorted = new float[n];                       // one buffer, reused: memory is one tensor more
        for (int i = 0; i < models.size(); i++) {
            float[] m = models.get(i);
            for (int j = 0; j < n; j++) {
                sorted[j] = magnitude(m[j], base[j]);
            }
            Arrays.sort(sorted);
            float threshold = sorted[n - keepCount];
            int firstAbove = n - keepCount;
            while (firstAbove < n && sorted[firstAbove] <= threshold) {
                firstAbove++;
            }
            int atThreshold = keepCount - (n - firstAbove);
            BitSet mask = new BitSet(n);
            for (int j = 0; j < n; j++) {
                float v = magnitude(m[j], base[j]);
                if (v > threshold) {
                    mask.set(j);
                } else if (v == threshold && atThreshold > 0) {
                    mask.set(j);
                    atThreshold--;
                }
            }
            masks[i] = mask;
        }
        return masks;
    }

    private static float magnitude(float model, float base) {
        return (float) Math.abs((double) model - base);
    }

    /** Per model, DARE's Bernoulli(1 − p) keep mask, seeded by (seed, tensor name, model index). */
    static BitSet[] dropMasks(String name, int n, int models, MergeSettings s) {
        BitSet[] masks = new BitSet[models];
        for (int i = 0; i < models; i++) {
            SplittableRandom random = new SplittableRandom(maskSeed(s.seed(), name, i));
            BitSet mask = new BitSet(n);
            for (int j = 0; j < n; j++) {
                if (random.nextDouble() >= s.drop()) {
                    mask.set(j);
                }
            }
            masks[i] = mask;
        }
        return masks;
    }

    /** A seed that depends on the run's seed, the tensor and the model, not on the order of visits. */
    static long maskSeed(long seed, String name, int model) {
        long h = seed;
        h = h * 0x9E3779B97F4A7C15L + name.hashCode();
        h = h * 0x9E3779B97F4A7C15L + model;
        return h;
    }

    private static double[] weights(MergeSettings s, int k) {
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            w[i] = s.weight(i, k);
        }
        return w;
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }
}
