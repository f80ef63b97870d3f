package io.dno.losses;

import io.dno.core.tensor.Scalars;

import static io.dno.losses.LossTerms.logSigmoid;

import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import io.dno.core.train.PairLogProbs;

/**
 * Robust DPO (rDPO) of Chowdhury et al. 2024, "Provably Robust DPO" (arXiv:2403.00409); TRL's
 * {@code loss_type="robust"}.
 * An unbiased estimate of the clean-label DPO loss when a share ε of the labels is flipped:
 *
 * <pre>
 *   L = mean[ ((1 − ε)·(−log σ(βΔ)) + ε·log σ(−βΔ)) / (1 − 2ε) ]
 * </pre>
 *
 * with Δ the DPO margin of log-ratios, β (beta) > 0 and ε (epsilon) in [0, 0.5). Unlike conservative DPO the
 * loss can be negative. With ε = 0 it equals plain DPO.
 */
public final class RobustDpoLoss implements Loss {
    private final float beta;
    private final float epsilon;

    RobustDpoLoss(double beta, double epsilon) {
        this.beta = LossTerms.checkPositive("beta (β)", beta, "0.01 to 0.5; DPO uses 0.1");
        this.epsilon = LossTerms.checkSmoothing(epsilon);
    }

    @Override
    public LossOutput compute(PairLogProbs b) {
        LossTerms.checkBatch(b, name());
        return LossTerms.rewardMarginLoss(b, beta, logits ->                        // logits βΔ (B)
                Scalars.div(Scalars.mul(logSigmoid(logits), -(1 - epsilon))         // (1−ε)(−log σ(βΔ)) (B)
                        .add(Scalars.mul(logSigmoid(logits.neg()), epsilon)),      // + ε log σ(−βΔ)    (B)
                        1 - 2 * epsilon));                                         // (B)
    }

    @Override
    public String name() {
        return "robustDpo(beta=" + beta + ", epsilon=" + epsilon + ")";
    }
}
