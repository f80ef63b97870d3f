package io.dno.losses;

import io.dno.core.tensor.Scalars;

import static io.dno.losses.LossTerms.logSigmoid;

import ai.djl.ndarray.NDArray;
import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import io.dno.core.train.PairLogProbs;

/**
 * Sigmoid DPO, Eq. 7 of Rafailov et al. 2023 (arXiv:2305.18290), with optional label smoothing (conservative
 * DPO, "cDPO", Mitchell 2023, Eq. 3 of ericmitchell.ai/cdpo.pdf; TRL's {@code loss_type="sigmoid"} with {@code label_smoothing}):
 *
 * <pre>
 *   Δ = (log π_θ(y⁺|x) − log π_ref(y⁺|x)) − (log π_θ(y⁻|x) − log π_ref(y⁻|x))
 *   L = mean[ −(1 − ε)·log σ(βΔ) − ε·log σ(−βΔ) ]
 * </pre>
 *
 * β (beta) is the strength of the pull toward the reference; ε (epsilon) in [0, 0.5) is the assumed share of
 * flipped labels. With ε = 0 this is plain DPO. Implicit rewards: β·(log π_θ − log π_ref) per side.
 */
public final class DpoLoss implements Loss {
    /** The DPO paper's and TRL's default β. */
    public static final double DEFAULT_BETA = 0.1;

    private final float beta;
    private final float epsilon;

    DpoLoss(double beta, double epsilon) {
        this.beta = LossTerms.checkPositive("beta (β)", beta, "0.01 to 0.5; DPO uses 0.1");
        this.epsilon = LossTerms.checkSmoothing(epsilon);
    }

    @Override
    public LossOutput compute(PairLogProbs b) {
        LossTerms.checkBatch(b, name());
        return LossTerms.rewardMarginLoss(b, beta, logits -> {                    // logits βΔ (B)
            NDArray losses = Scalars.mul(logSigmoid(logits), -(1 - epsilon));        // −(1−ε) log σ(βΔ) (B)
            if (epsilon > 0) {
                losses = losses.sub(Scalars.mul(logSigmoid(logits.neg()), epsilon)); // − ε log σ(−βΔ) (B)
            }
            return losses;
        });
    }

    @Override
    public String name() {
        return epsilon == 0 ? "dpo(beta=" + beta + ")" : "conservativeDpo(beta=" + beta + ", epsilon=" + epsilon + ")";
    }
}
