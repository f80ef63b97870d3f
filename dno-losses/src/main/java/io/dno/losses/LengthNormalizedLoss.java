package io.dno.losses;

import io.dno.core.tensor.Scalars;

import static com.google.common.base.Preconditions.checkArgument;
import static io.dno.losses.LossTerms.logSigmoid;
import static io.dno.losses.LossTerms.perToken;

import ai.djl.ndarray.NDArray;
import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import io.dno.core.train.PairLogProbs;

/**
 * Length-normalised preference loss. Without a reference this is SimPO, Eq. 6 of Meng et al. 2024
 * (arXiv:2405.14734), as TRL's CPOTrainer {@code loss_type="simpo"}:
 *
 * <pre>
 *   L = mean[ −log σ( β·(log π_θ(y⁺)/|y⁺| − log π_θ(y⁻)/|y⁻|) − γ ) ]
 * </pre>
 *
 * With a reference each term becomes a per-token log-ratio, (log π_θ(y) − log π_ref(y))/|y|. β (beta) > 0 scales
 * the per-token reward; γ (gamma) >= 0 is the target reward margin (SimPO uses β = 2 to 2.5, γ/β about 0.5).
 * Implicit rewards: β·(per-token log-prob or log-ratio) per side.
 */
public final class LengthNormalizedLoss implements Loss {
    private final float beta;
    private final float gamma;
    private final boolean withReference;

    LengthNormalizedLoss(double beta, double gamma, boolean withReference) {
        this.beta = LossTerms.checkPositive("beta (β)", beta, "2 to 2.5 for SimPO");
        checkArgument(Double.isFinite(gamma) && gamma >= 0,
                "gamma (γ), the target reward margin, must be finite and >= 0, got %s (SimPO uses γ/β about 0.5)", gamma);
        this.gamma = (float) gamma;
        this.withReference = withReference;
    }

    @Override
    public LossOutput compute(PairLogProbs b) {
        LossTerms.checkBatch(b, name());
        NDArray chosen = withReference ? LossTerms.chosenRatio(b) : b.policyChosen();       // (B)
        NDArray rejected = withReference ? LossTerms.rejectedRatio(b) : b.policyRejected(); // (B)
        NDArray chosenRewards = Scalars.mul(perToken(chosen, b.chosenTokens()), beta);               // (B)
        NDArray rejectedRewards = Scalars.mul(perToken(rejected, b.rejectedTokens()), beta);         // (B)
        NDArray logits = chosenRewards.sub(rejectedRewards).sub(gamma);                     // (B)
        NDArray loss = logSigmoid(logits).neg().mean();                                     // scalar
        return new LossOutput(loss, LossTerms.pairMetrics(loss, chosenRewards, rejectedRewards, b));
    }

    @Override
    public boolean needsReference() {
        return withReference;
    }

    @Override
    public String name() {
        return "lengthNormalized(beta=" + beta + ", gamma=" + gamma + ", withReference=" + withReference + ")";
    }
}
