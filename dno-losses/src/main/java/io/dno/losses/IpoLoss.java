package io.dno.losses;

import io.dno.core.tensor.Scalars;

import ai.djl.ndarray.NDArray;
import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import io.dno.core.train.PairLogProbs;

/**
 * IPO, Eq. 17 of Azar et al. 2023 (arXiv:2310.12036), as TRL implements it ({@code loss_type="ipo"}): every
 * sequence log-prob is first divided by its token count, then
 *
 * <pre>
 *   Δ̄ = (log π_θ(y⁺)/|y⁺| − log π_ref(y⁺)/|y⁺|) − (log π_θ(y⁻)/|y⁻| − log π_ref(y⁻)/|y⁻|)
 *   L = mean[ (Δ̄ − 1/(2τ))² ]
 * </pre>
 *
 * τ (tau, TRL's {@code beta}) > 0 is the regularisation: the loss pulls the per-token margin to 1/(2τ) rather than
 * to infinity. Implicit rewards: τ·(per-token log-ratio) per side, as in TRL.
 */
public final class IpoLoss implements Loss {
    private final float tau;

    IpoLoss(double tau) {
        this.tau = LossTerms.checkPositive("tau (τ)", tau, "0.01 to 1; TRL passes it as beta");
    }

    @Override
    public LossOutput compute(PairLogProbs b) {
        LossTerms.checkBatch(b, name());
        NDArray chosenRatio = LossTerms.perToken(LossTerms.chosenRatio(b), b.chosenTokens());       // (B)
        NDArray rejectedRatio = LossTerms.perToken(LossTerms.rejectedRatio(b), b.rejectedTokens()); // (B)
        NDArray margin = chosenRatio.sub(rejectedRatio);                                            // Δ̄ (B)
        NDArray loss = margin.sub(1 / (2 * tau)).square().mean();                                   // scalar
        return new LossOutput(loss,
                LossTerms.pairMetrics(loss, Scalars.mul(chosenRatio, tau), Scalars.mul(rejectedRatio, tau), b));
    }

    @Override
    public String name() {
        return "ipo(tau=" + tau + ")";
    }
}
