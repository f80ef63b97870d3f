package io.dno.losses;

import io.dno.core.tensor.Scalars;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import ai.djl.ndarray.NDArray;
import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import io.dno.core.train.PairLogProbs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pair loss plus α times the per-token NLL of the chosen responses, as in Iterative RPO (Pang et al. 2024,
 * arXiv:2404.19733, the DPO+NLL loss) and TRL's {@code rpo_alpha}:
 *
 * <pre>
 *   L = L_pair + α · (−Σ_i log π_θ(y⁺_i|x_i) / Σ_i |y⁺_i|)
 * </pre>
 *
 * α (alpha) > 0 weighs the likelihood term (RPO uses 1.0). Reports the inner loss's metrics, {@code nll_loss},
 * and the combined {@code loss}.
 */
public final class NllMixLoss implements Loss {
    private final Loss pairLoss;
    private final float alpha;

    NllMixLoss(Loss pairLoss, double alpha) {
        this.pairLoss = checkNotNull(pairLoss, "pairLoss");
        checkArgument(Double.isFinite(alpha) && alpha > 0,
                "alpha (α), the weight of the NLL term, must be finite and > 0, got %s (RPO uses 1.0)", alpha);
        this.alpha = (float) alpha;
    }

    @Override
    public LossOutput compute(PairLogProbs b) {
        LossOutput inner = pairLoss.compute(b);
        NDArray nll = SftLoss.nll(b);                          // scalar
        NDArray loss = inner.loss().add(Scalars.mul(nll, alpha));       // scalar
        Map<String, NDArray> metrics = new LinkedHashMap<>(inner.metrics());
        metrics.put(MetricNames.NLL_LOSS, nll.stopGradient());
        metrics.put(MetricNames.LOSS, loss.stopGradient());
        return new LossOutput(loss, metrics);
    }

    @Override
    public boolean needsReference() {
        return pairLoss.needsReference();
    }

    @Override
    public String name() {
        return "withNll(" + pairLoss.name() + ", alpha=" + alpha + ")";
    }
}
