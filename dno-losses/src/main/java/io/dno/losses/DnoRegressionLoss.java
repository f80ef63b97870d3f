package io.dno.losses;


import static com.google.common.base.Preconditions.checkArgument;
import static io.dno.losses.LossTerms.logSigmoid;

import ai.djl.ndarray.NDArray;
import io.dno.core.pairs.WinRates;
import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import io.dno.core.train.PairLogProbs;

/**
 * DNO's regression step, Algorithm 1, Eq. 8 of Rosset et al. 2024 (arXiv:2404.03715): a binary cross-entropy
 * between the soft target z = σ(r_t(y1) − r_t(y2)) and the prediction σ(ηΔ):
 *
 * <pre>
 *   Δ = (log π_θ(y1) − log π_t(y1)) − (log π_θ(y2) − log π_t(y2))
 *   L = mean[ −( z·log σ(ηΔ) + (1 − z)·log σ(−ηΔ) ) ]
 * </pre>
 *
 * η (eta) > 0 plays the role of DPO's β; the reference is the previous iterate π_t. y1 and y2 travel in the
 * chosen and rejected slots of {@link PairLogProbs}, and z in {@link PairLogProbs#targets()}: the pair builders
 * compute it ({@code PreferencePair.target}, {@link WinRates}) and the trainer carries it here. With z = 1 this is
 * the contrastive loss of Eq. 13 (DPO with β = η). The minimum is the entropy of z, not 0: at the optimum
 * ηΔ = r_t(y1) − r_t(y2), i.e. π ∝ π_t·exp(r_t/η), the soft-policy-iteration step of Eq. 9.
 */
public final class DnoRegressionLoss implements Loss {
    private final float eta;

    DnoRegressionLoss(double eta) {
        this.eta = LossTerms.checkPositive("eta (η)", eta, "0.05 or 0.1 in the DNO paper");
    }

    /**
     * The soft target z = σ(r1 − r2) = P(y1 ≻ y2) of Eq. 8, from the expected win rates r1 = r_t(x, y1) and
     * r2 = r_t(x, y2); computed without overflow for any finite rewards.
     */
    public static double softTarget(double r1, double r2) {
        return WinRates.softTarget(r1, r2);
    }

    @Override
    public LossOutput compute(PairLogProbs b) {
        LossTerms.checkBatch(b, name());
        checkArgument(b.targets().isPresent(), "%s needs soft targets: set PairLogProbs.targets to "
                + "z = DnoRegressionLoss.softTarget(r1, r2) per pair, or use Losses.dnoContrastive for hard labels", name());
        NDArray z = b.targets().get();                                  // (B)
        checkArgument(z.getShape().equals(b.policyChosen().getShape()),
                "%s expects targets of shape %s, got %s", name(), b.policyChosen().getShape(), z.getShape());
        checkArgument(z.gte(0f).logicalAnd(z.lte(1f)).all().getBoolean(),
                "%s expects targets z = P(y1 > y2) in [0, 1], got values outside (min %s, max %s)",
                name(), z.min().getFloat(), z.max().getFloat());
        return LossTerms.rewardMarginLoss(b, eta, logits -> z.mul(logSigmoid(logits)) // z log σ(ηΔ) (B)
                .add(z.neg().add(1f).mul(logSigmoid(logits.neg())))                   // + (1−z) log σ(−ηΔ) (B)
                .neg());                                                              // (B)
    }

    @Override
    public String name() {
        return "dnoRegression(eta=" + eta + ")";
    }
}
