package io.dno.core.merge;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The arithmetic of every {@link MergeMethod} on one tensor, flattened, with mergekit's semantics (the formulas
 * are on {@link MergeMethod}): inputs are float32 values, sums run in float64 and the result is rounded once to
 * float32, so merging identical models returns them bit for bit.
 *
 * <p>Task vectors {@code τ_i = θ_i − base} are formed element by element in float64, never stored.
 * Sparsification is decided per tensor, as mergekit does: TIES keeps the {@code ⌊density·n⌋} (at least one;
 * mergekit refuses zero) entries of largest {@code |τ_i|} (ties broken by lower index); DARE keeps each entry
 * with probability {@code 1 − p} from a {@link SplittableRandom} seeded by (seed, tensor name, model index), so
 * a merge is reproducible and does not depend on the order tensors are visited in.
 */
public final class TensorMerge {
    /** mergekit's {@code DOT_THRESHOLD}: above this |cos| between the two tensors SLERP falls back to lerp. */
    public static final double SLERP_DOT_THRESHOLD = 0.9995;
    private static final double NORM_EPS = 1e-8;
    /** mergekit: a task-arithmetic divisor below this in magnitude is replaced by 1. */
    private static final double DIVISOR_EPS = 1e-8;
    /** mergekit's {@code rescaled_masked_tensor} eps: norms below it are not rescaled. */
    private static final double RESCALE_EPS = 1e-7;

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
            case TASK_ARITHMETIC -> taskVectors(models, base, settings, null);
            case TIES -> taskVectors(models, base, settings, trimMasks(models, base, settings.density()));
            case DARE_LINEAR, DARE_TIES -> taskVectors(models, base, settings,
                    dropMasks(name, n, models.size(), settings));
        };
    }

    /** {@code Σ w_i θ_i / Σ w_i}, or {@code Σ w_i θ_i} without {@code normalize}. */
    private static float[] linear(List<float[]> models, MergeSettings s) {
        int k = models.size();
        double[] w = weights(s, k);
        double total = s.normalize() ? Arrays.stream(w).sum() : 1.0;
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
     * {@code base + λ·merge(δ)} with {@code δ_i = s_i · keep_i ⊙ τ_i} (all entries kept when {@code keep} is null;
     * {@code s_i} the L1 rescale when {@code rescale} is on). Without sign election {@code merge(δ) = Σ w_i δ_i},
     * divided by {@code Σ w_i} under {@code normalize}; with it (TIES, Yadav et al. 2023 Alg. 1 steps 2–3, and
     * mergekit's consensus "sum") the elected sign is that of {@code Σ w_i δ_i} (+ on 0), {@code merge(δ)} sums
     * the entries with that sign, divided by their weights under {@code normalize} (0 when none agree).
     */
    private static float[] taskVectors(List<float[]> models, float[] base, MergeSettings s, BitSet[] keep) {
        int k = models.size();
        double[] w = weights(s, k);
        double[] scale = keep != null && s.rescale() ? l1Rescales(models, base, keep) : ones(k);
        boolean electSign = s.method().electsSign();
        double weightSum = Arrays.stream(w).sum();
        double divisor = s.normalize() && Math.abs(weightSum) >= DIVISOR_EPS ? weightSum : 1.0;
        int n = base.length;
        float[] out = new float[n];
        double[] delta = new double[k];
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int i = 0; i < k; i++) {
                double d = keep == null || keep[i].get(j) ? ((double) models.get(i)[j] - base[j]) * scale[i] : 0.0;
                delta[i] = d;
                sum += w[i] * d;
            }
            double merged = sum / divisor;
            if (electSign) {
                double sign = sum >= 0 ? 1 : -1;
                double agree = 0;
                double mass = 0;
                for (int i = 0; i < k; i++) {
                    double weighted = w[i] * delta[i];
                    if (weighted != 0 && Math.signum(weighted) == sign) {
                        agree += weighted;
                        mass += w[i];
                    }
                }
                merged = s.normalize() && mass != 0 ? agree / mass : agree;
            }
            out[j] = (float) (base[j] + s.lambda() * merged);
        }
        return out;
    }

    /**
     * mergekit's {@code rescaled_masked_tensor} with the L1 norm, per model: {@code ‖τ_i‖₁ / ‖keep_i ⊙ τ_i‖₁}, or 1
     * when either norm is below 1e-7.
     */
    static double[] l1Rescales(List<float[]> models, float[] base, BitSet[] keep) {
        double[] scale = new double[models.size()];
        for (int i = 0; i < scale.length; i++) {
            float[] m = models.get(i);
            double before = 0;
            double after = 0;
            for (int j = 0; j < base.length; j++) {
                double d = Math.abs((double) m[j] - base[j]);
                before += d;
                after += keep[i].get(j) ? d : 0;
            }
            scale[i] = before < RESCALE_EPS || after < RESCALE_EPS ? 1.0 : before / after;
        }
        return scale;
    }

    private static double[] ones(int k) {
        double[] ones = new double[k];
        Arrays.fill(ones, 1.0);
        return ones;
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
