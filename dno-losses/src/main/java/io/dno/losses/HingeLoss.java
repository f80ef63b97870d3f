package io.dno.losses;


import ai.djl.nn.Activation;
import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import io.dno.core.train.PairLogProbs;

/**
 * The hinge (calibration) loss of SLiC-HF (Zhao et al. 2023, arXiv:2305.10425), applied to DPO's margin of
 * log-ratios as TRL's {@code loss_type="hinge"} does:
 *
 * <pre>
 *   L = mean[ max(0, 1 − βΔ) ]
 * </pre>
 *
 * with Δ the DPO margin of log-ratios and β (beta) > 0; 1/β is the margin the policy must reach. Pairs beyond the
 * margin give no gradient.
 */
public final class HingeLoss implements Loss {
    private final float beta;

    HingeLoss(double beta) {
        this.beta = LossTerms.checkPositive("beta (β)", beta, "0.01 to 1; 1/β is the required margin");
    }

    @Override
    public LossOutput compute(PairLogProbs b) {
        LossTerms.checkBatch(b, name());
        return LossTerms.rewardMarginLoss(b, beta, logits -> Activation.relu(logits.neg().add(1f))); // βΔ → (B)
    }

    @Override
    public String name() {
        return "hinge(beta=" + beta + ")";
    }
}
