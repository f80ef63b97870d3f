package io.dno.core.peft;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * The settings of a LoRA adapter, with PEFT's meaning (Hu et al. 2021, §4.1): the update of a frozen weight
 * W (out, in) is ΔW = (α / r) · B·A with A (r, in), B (out, r); dropout applies to the adapter's input only.
 *
 * @param rank           r, the inner dimension of B·A
 * @param alpha          α; the update is scaled by α / r
 * @param dropout        dropout probability on the adapter input while training, in [0, 1)
 * @param targetModules  short names of the adapted projections, a subset of {@link #ALL_PROJECTIONS}
 * @param baseModel      PEFT's {@code base_model_name_or_path}: where the base weights come from (may be empty)
 */
public record LoraConfig(int rank, double alpha, double dropout, List<String> targetModules, String baseModel) {

    /** Every linear projection of a Llama-family decoder layer, in PEFT's short names. */
    public static final List<String> ALL_PROJECTIONS =
            List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    public LoraConfig {
        checkArgument(rank >= 1, "LoRA rank r must be >= 1, got %s", rank);
        checkArgument(Double.isFinite(alpha) && alpha > 0, "lora_alpha must be finite and > 0, got %s", alpha);
        checkArgument(dropout >= 0 && dropout < 1, "lora_dropout must be in [0, 1), got %s", dropout);
        checkArgument(targetModules != null && !targetModules.isEmpty(),
                "target_modules must name at least one of %s", ALL_PROJECTIONS);
        for (String m : targetModules) {
            checkArgument(ALL_PROJECTIONS.contains(m), "target module '%s' is not one of %s", m, ALL_PROJECTIONS);
        }
        checkArgument(targetModules.stream().distinct().count() == targetModules.size(),
                "target_modules %s lists a module twice", targetModules);
        targetModules = List.copyOf(targetModules);
        baseModel = baseModel == null ? "" : baseModel;
    }

    public static LoraConfig of(int rank, double alpha, double dropout, List<String> targetModules) {
        return new LoraConfig(rank, alpha, dropout, targetModules, "");
    }

    /** The multiplier α / r of the low-rank update. */
    public double scaling() {
        return alpha / rank;
    }

    public LoraConfig withBaseModel(String base) {
        return new LoraConfig(rank, alpha, dropout, targetModules, base);
    }

    /**
     * The short module name of an HF projection weight ({@code model.layers.3.mlp.up_proj.weight} →
     * {@code up_proj}), or {@code null} for any other parameter.
     */
    static String moduleOf(String weightName) {
        if (!weightName.startsWith("model.layers.") || !weightName.endsWith("_proj.weight")) {
            return null;
        }
        String stem = weightName.substring(0, weightName.length() - ".weight".length());
        return stem.substring(stem.lastIndexOf('.') + 1);
    }

    /** Whether the weight is one this adapter adapts. */
    boolean targets(String weightName) {
        String module = moduleOf(weightName);
        return module != null && targetModules.contains(module);
    }
}
