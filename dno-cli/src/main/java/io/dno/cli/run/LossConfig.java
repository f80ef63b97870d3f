package io.dno.cli.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.train.Loss;
import io.dno.losses.Losses;
import java.util.List;

/**
 * The {@code loss} section; absent means DPO with the strategy's β (SFT: the masked NLL).
 * {@code type}: dpo, cdpo (epsilon), robust_dpo (epsilon), ipo (tau), hinge, simpo (gamma, no reference),
 * dno_contrastive, dno_regression (Eq. 8 on the pairs' soft targets), sft; {@code nll_alpha} adds an NLL term on the
 * chosen answer.
 */
public record LossConfig(@JsonProperty(value = "type", required = true) String type,
                         @JsonProperty("beta") Double beta,
                         @JsonProperty("epsilon") Double epsilon,
                         @JsonProperty("tau") Double tau,
                         @JsonProperty("gamma") Double gamma,
                         @JsonProperty("nll_alpha") Double nllAlpha) {

    static final List<String> TYPES = List.of("dpo", "cdpo", "robust_dpo", "ipo", "hinge", "simpo",
            "dno_contrastive", "dno_regression", "sft");

    public LossConfig {
        checkArgument(type != null && TYPES.contains(type), "loss.type must be one of %s, got '%s'", TYPES, type);
    }

    /** The loss; {@code defaultBeta} is the strategy's β, used when {@code beta} is absent. */
    public Loss toLoss(double defaultBeta) {
        double b = beta == null ? defaultBeta : beta;
        Loss loss = switch (type) {
            case "dpo" -> Losses.dpo(b);
            case "cdpo" -> Losses.conservativeDpo(b, required("epsilon", epsilon));
            case "robust_dpo" -> Losses.robustDpo(b, required("epsilon", epsilon));
            case "ipo" -> Losses.ipo(required("tau", tau));
            case "hinge" -> Losses.hinge(b);
            case "simpo" -> Losses.lengthNormalized(b, gamma == null ? 0 : gamma, false);
            case "dno_contrastive" -> Losses.dnoContrastive(b);
            case "dno_regression" -> Losses.dnoRegression(b);
            default -> Losses.sft();
        };
        return nllAlpha == null ? loss : Losses.withNll(loss, nllAlpha);
    }

    private double required(String key, Double value) {
        checkArgument(value != null, "loss.%s is required for loss type '%s'", key, type);
        return value;
    }
}
