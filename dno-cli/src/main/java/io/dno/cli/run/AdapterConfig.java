package io.dno.cli.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.peft.LoraConfig;
import java.util.List;

/**
 * The {@code policy.lora} section: train a LoRA adapter instead of the whole model (Thakkar et al. 2024), over a
 * float32 base or, with {@code quantize_base}, a 4-bit NF4 base (QLoRA). Defaults: r 16, alpha 32, dropout 0,
 * every projection.
 *
 * @param quantizeBase {@code none} (default), {@code nf4} or {@code nf4-double} (double-quantised scales)
 */
public record AdapterConfig(@JsonProperty("r") Integer rank,
                            @JsonProperty("alpha") Double alpha,
                            @JsonProperty("dropout") Double dropout,
                            @JsonProperty("target_modules") List<String> targetModules,
                            @JsonProperty("quantize_base") String quantizeBase) {
    public AdapterConfig {
        quantizeBase = quantizeBase == null ? "none" : quantizeBase;
        checkArgument(List.of("none", "nf4", "nf4-double").contains(quantizeBase),
                "policy.lora.quantize_base must be none, nf4 or nf4-double, got '%s'", quantizeBase);
    }

    public LoraConfig toLora(String baseModel) {
        return new LoraConfig(rank == null ? 16 : rank, alpha == null ? 32 : alpha, dropout == null ? 0 : dropout,
                targetModules == null ? LoraConfig.ALL_PROJECTIONS : targetModules, baseModel);
    }
}
