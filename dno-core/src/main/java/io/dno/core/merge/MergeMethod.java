package io.dno.core.merge;

import java.util.Arrays;
import java.util.Locale;

/** The merge methods, named as in mergekit's YAML and the {@code dno merge --method} option. */
public enum MergeMethod {
    /** Weighted average {@code Σ w_i θ_i / Σ w_i} (a model soup, Wortsman et al. 2022). */
    LINEAR("linear", false),
    /** {@code base + λ Σ w_i (θ_i − base)} (Ilharco et al. 2023, "Editing models with task arithmetic"). */
    TASK_ARITHMETIC("task-arithmetic", true),
    /** Trim, elect sign, disjoint merge (Yadav et al. 2023, "TIES-Merging", Algorithm 1). */
    TIES("ties", true),
    /** Drop and rescale each task vector, then task arithmetic (Yu et al. 2024, "Language models are Super Mario", Eq. 2). */
    DARE_LINEAR("dare-linear", true),
    /** Drop and rescale each task vector, then TIES's sign election and disjoint mean (mergekit's dare_ties). */
    DARE_TIES("dare-ties", true),
    /** Spherical interpolation of two models per tensor, linear when nearly collinear (mergekit's slerp). */
    SLERP("slerp", false);

    private final String cliName;
    private final boolean needsBase;

    MergeMethod(String cliName, boolean needsBase) {
        this.cliName = cliName;
        this.needsBase = needsBase;
    }

    /** The name used on the command line and in mergekit configurations. */
    public String cliName() {
        return cliName;
    }

    /** Whether the method works on task vectors {@code θ_i − base} and so needs a base model. */
    public boolean needsBase() {
        return needsBase;
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
