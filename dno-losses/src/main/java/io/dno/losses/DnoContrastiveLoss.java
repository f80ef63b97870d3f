package io.dno.losses;

import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import io.dno.core.train.PairLogProbs;

/**
 * DNO-Prct's contrastive step, Algorithm 2, Eq. 13 of Rosset et al. 2024 (arXiv:2404.03715):
 *
 * <pre>
 *   L = mean[ −log σ( η·log(π_θ(y⁺)/π_t(y⁺)) − η·log(π_θ(y⁻)/π_t(y⁻)) ) ]
 * </pre>
 *
 * This is sigmoid DPO with β = η and the previous iterate π_t as the reference (the hard-label form of Eq. 8,
 * used once pairs are filtered for a large margin). η (eta) > 0; the paper uses 0.1 or 0.05.
 */
public final class DnoContrastiveLoss implements Loss {
    private final float eta;
    private final DpoLoss dpo;

    DnoContrastiveLoss(double eta) {
        this.eta = LossTerms.checkPositive("eta (η)", eta, "0.05 or 0.1 in the DNO paper");
        this.dpo = new DpoLoss(eta, 0);
    }

    @Override
    public LossOutput compute(PairLogProbs b) {
        return dpo.compute(b);
    }

    @Override
    public String name() {
        return "dnoContrastive(eta=" + eta + ")";
    }
}
