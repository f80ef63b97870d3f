package io.dno.losses;

import ai.djl.ndarray.NDArray;
import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import io.dno.core.train.PairLogProbs;
import java.util.Map;

/**
 * Supervised fine-tuning: the negative log-likelihood of the demonstration (the chosen side), averaged per token
 * over the whole batch:
 *
 * <pre>
 *   L = −Σ_i log π_θ(y⁺_i|x_i) / Σ_i |y⁺_i|
 * </pre>
 *
 * A token-weighted mean, as {@code cross_entropy} over the flattened response tokens in TRL's SFTTrainer and
 * nanoGPT: every token counts once, so long demonstrations weigh more than short ones. (The alternative,
 * the mean of per-sequence averages, favours short answers.) Reads only {@code policyChosen} and
 * {@code chosenTokens}.
 */
public final class SftLoss implements Loss {

    SftLoss() {}

    @Override
    public LossOutput compute(PairLogProbs b) {
        NDArray loss = nll(b);                                                        // scalar
        return new LossOutput(loss, Map.of(
                MetricNames.LOSS, loss.stopGradient(),
                MetricNames.LOGPS_CHOSEN, b.policyChosen().stopGradient().mean()));
    }

    /** −Σ log π_θ(y⁺) / Σ |y⁺| (scalar), shared with {@link NllMixLoss}. */
    static NDArray nll(PairLogProbs b) {
        return b.policyChosen().sum().neg().div(b.chosenTokens().sum());
    }

    @Override
    public boolean needsReference() {
        return false;
    }

    @Override
    public String name() {
        return "sft";
    }
}
