package io.dno.cli.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dno.core.train.Loss;
import io.dno.losses.Losses;

/**
 * The {@code loss} section, selected by {@code type}; absent means the strategy's default (DPO with its β, SFT: the
 * masked NLL), recorded in run.json. Pair losses accept {@code nll_alpha}, an NLL term on the chosen answer; an
 * absent {@code beta} is the strategy's.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = LossSpec.Beta.class, name = "dpo"),
        @JsonSubTypes.Type(value = LossSpec.Beta.class, name = "hinge"),
        @JsonSubTypes.Type(value = LossSpec.Beta.class, name = "dno_contrastive"),
        @JsonSubTypes.Type(value = LossSpec.Beta.class, name = "dno_regression"),
        @JsonSubTypes.Type(value = LossSpec.Smoothed.class, name = "cdpo"),
        @JsonSubTypes.Type(value = LossSpec.Smoothed.class, name = "robust_dpo"),
        @JsonSubTypes.Type(value = LossSpec.Ipo.class, name = "ipo"),
        @JsonSubTypes.Type(value = LossSpec.Simpo.class, name = "simpo"),
        @JsonSubTypes.Type(value = LossSpec.Sft.class, name = "sft")})
public sealed interface LossSpec {

    /** The loss; {@code strategyBeta} is used where {@code beta} is absent. */
    Loss toLoss(double strategyBeta);

    private static Loss withNll(Loss loss, Double nllAlpha) {
        return nllAlpha == null ? loss : Losses.withNll(loss, nllAlpha);
    }

    /**
     * {@code dpo} (Rafailov et al. 2023), {@code hinge} (SLiC), {@code dno_contrastive} (Rosset et al. 2024 Eq. 13)
     * and {@code dno_regression} (Eq. 8, soft targets).
     */
    record Beta(@JsonProperty("type") String type, @JsonProperty("beta") Double beta,
                @JsonProperty("nll_alpha") Double nllAlpha) implements LossSpec {
        @Override
        public Loss toLoss(double strategyBeta) {
            double b = beta == null ? strategyBeta : beta;
            Loss loss = switch (type) {
                case "hinge" -> Losses.hinge(b);
                case "dno_contrastive" -> Losses.dnoContrastive(b);
                case "dno_regression" -> Losses.dnoRegression(b);
                default -> Losses.dpo(b);
            };
            return withNll(loss, nllAlpha);
        }
    }

    /** {@code cdpo} (conservative DPO) and {@code robust_dpo}: label noise rate {@code epsilon}, required. */
    record Smoothed(@JsonProperty("type") String type, @JsonProperty("beta") Double beta,
                    @JsonProperty("epsilon") Double epsilon, @JsonProperty("nll_alpha") Double nllAlpha)
            implements LossSpec {
        public Smoothed {
            checkArgument(epsilon != null, "loss.epsilon is required for loss type '%s' (the assumed share of flipped "
                    + "labels, e.g. 0.1)", type);
        }

        @Override
        public Loss toLoss(double strategyBeta) {
            double b = beta == null ? strategyBeta : beta;
            return withNll(type.equals("cdpo") ? Losses.conservativeDpo(b, epsilon) : Losses.robustDpo(b, epsilon),
                    nllAlpha);
        }
    }

    /** {@code ipo} (Azar et al. 2023): regularisation {@code tau}, required. */
    @JsonIgnoreProperties("type")   // the type id, read by Jackson to pick this record
    record Ipo(@JsonProperty("tau") Double tau, @JsonProperty("nll_alpha") Double nllAlpha) implements LossSpec {
        public Ipo {
            checkArgument(tau != null, "loss.tau is required for loss type 'ipo' (e.g. 0.1)");
        }

        @Override
        public Loss toLoss(double strategyBeta) {
            return withNll(Losses.ipo(tau), nllAlpha);
        }
    }

    /** {@code simpo} (Meng et al. 2024): length-normalised, reference-free, target margin {@code gamma} (default 0). */
    @JsonIgnoreProperties("type")   // the type id, read by Jackson to pick this record
    record Simpo(@JsonProperty("beta") Double beta, @JsonProperty("gamma") Double gamma,
                 @JsonProperty("nll_alpha") Double nllAlpha) implements LossSpec {
        @Override
        public Loss toLoss(double strategyBeta) {
            return withNll(Losses.lengthNormalized(beta == null ? strategyBeta : beta, gamma == null ? 0 : gamma,
                    false), nllAlpha);
        }
    }

    /** {@code sft}: the masked NLL of the response. */
    @JsonIgnoreProperties("type")   // the type id, read by Jackson to pick this record
    record Sft() implements LossSpec {
        @Override
        public Loss toLoss(double strategyBeta) {
            return Losses.sft();
        }
    }
}
