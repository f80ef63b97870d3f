package io.dno.core.merge;

import java.util.Arrays;
import java.util.Locale;

/**
 * The merge methods, named as in mergekit's YAML and the {@code dno merge --method} option, with mergekit's
 * semantics (arcee-ai/mergekit {@code merge_methods/linear.py}, {@code slerp.py}, {@code registry.py},
 * {@code generalized_task_arithmetic.py}, {@code sparsify.py}) and its defaults for {@code normalize} and
 * {@code rescale}. Each formula, per tensor, once:
 *
 * <pre>
 *   θ_i  the i-th model's tensor, w_i its weight, θ_b the base's, τ_i = θ_i − θ_b its task vector, λ the scale
 *   m_i  τ_i's keep mask: TIES, the ⌊density·n⌋ largest |τ_i| (at least one); DARE, Bernoulli(1 − p) per entry
 *   s_i  the rescale: ‖τ_i‖₁ / ‖m_i ⊙ τ_i‖₁ when rescale is on (and both norms are >= 1e-7), else 1
 *   δ_i  = s_i · m_i ⊙ τ_i, the sparsified task vector (δ_i = τ_i for task arithmetic)
 *   TIES sign election (consensus "sum"): σ = sign(Σ_i w_i δ_i) (+ on 0); a_i = [sign(w_i δ_i) = σ], entrywise
 *
 *   linear          Σ_i w_i θ_i / Σ_i w_i                 (normalize off: Σ_i w_i θ_i)
 *   task-arithmetic θ_b + λ · Σ_i w_i τ_i                 (normalize on: divided by Σ_i w_i)
 *   ties            θ_b + λ · Σ_i a_i w_i δ_i / Σ_i a_i w_i  (0 where no model agrees; normalize off: no division)
 *   dare-linear     θ_b + λ · Σ_i w_i δ_i                 (normalize on: divided by Σ_i w_i)
 *   dare-ties       θ_b + λ · Σ_i a_i w_i δ_i             (normalize on: divided by Σ_i a_i w_i)
 *   slerp           sin((1−t)Ω)/sin Ω · θ_0 + sin(tΩ)/sin Ω · θ_1, cos Ω = θ̂_0·θ̂_1;
 *                   (1−t)θ_0 + tθ_1 when |cos Ω| > 0.9995
 * </pre>
 *
 * Defaults, as mergekit registers them: normalize on for linear and ties, off for task-arithmetic, dare-linear
 * and dare-ties; rescale on for dare-linear and dare-ties, off otherwise. The DARE paper (Yu et al. 2024, Eq. 2)
 * and PEFT's {@code dare_*} rescale by {@code 1/(1 − p)} instead; for a large tensor the L1 rescale is close to
 * it, and exact to mergekit.
 */
public enum MergeMethod {
    /** Weighted average {@code Σ w_i θ_i / Σ w_i} (a model soup, Wortsman et al. 2022); mergekit's {@code linear}. */
    LINEAR("linear", false, true, false),
    /** {@code θ_b + λ Σ w_i τ_i} (Ilharco et al. 2023, "Editing models with task arithmetic"). */
    TASK_ARITHMETIC("task-arithmetic", true, false, false),
    /** Trim, elect sign, disjoint weighted mean (Yadav et al. 2023, "TIES-Merging", Algorithm 1). */
    TIES("ties", true, true, false),
    /** Drop and rescale each task vector, then task arithmetic (Yu et al. 2024, "Language models are Super Mario"). */
    DARE_LINEAR("dare-linear", true, false, true),
    /** Drop and rescale each task vector, then TIES's sign election, summed unnormalised (mergekit's dare_ties). */
    DARE_TIES("dare-ties", true, false, true),
    /** Spherical interpolation of two models per tensor, linear when nearly collinear (mergekit's slerp). */
    SLERP("slerp", false, false, false);

    private final String cliName;
    private final boolean needsBase;
    private final boolean normalizes;
    private final boolean rescales;

    MergeMethod(String cliName, boolean needsBase, boolean normalizes, boolean rescales) {
        this.cliName = cliName;
        this.needsBase = needsBase;
        this.normalizes = normalizes;
        this.rescales = rescales;
    }

    /** The name used on the command line and in mergekit configurations. */
    public String cliName() {
        return cliName;
    }

    /** Whether the method works on task vectors {@code θ_i − base} and so needs a base model. */
    public boolean needsBase() {
        return needsBase;
    }

    /** mergekit's default for {@code normalize}: whether the merged sum is divided by the (agreeing) weights. */
    public boolean normalizesByDefault() {
        return normalizes;
    }

    /** mergekit's default for {@code rescale}: whether a sparsified task vector is scaled back to its L1 norm. */
    public boolean rescalesByDefault() {
        return rescales;
    }

    /** Whether the method trims or drops task-vector entries (and so has something to rescale). */
    public boolean sparsifies() {
        return this == TIES || this == DARE_LINEAR || this == DARE_TIES;
    }

    /** Whether the method elects a sign per entry and keeps only the agreeing task vectors (TIES's step 2–3). */
    public boolean electsSign() {
        return this == TIES || this == DARE_TIES;
    }

    /** The method called {@code name} (its CLI name; mergekit's underscores are accepted too). */
    public static MergeMethod parse(String name) {
        String normal = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (MergeMethod m : values()) {
            if (m.cliName.equals(normal)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown merge method '" + name + "'; use one of "
                + Arrays.stream(values()).map(MergeMethod::cliName).toList());
    }

    @Override
    public String toString() {
        return cliName;
    }
}
