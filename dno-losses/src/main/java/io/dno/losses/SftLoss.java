package io.dno.losses;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import io.dno.core.tensor.Scalars;
import io.dno.core.train.PairLogProbs;
import io.dno.core.train.StepTotals;
import java.util.Map;
import java.util.Optional;

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
 * the mean of per-sequence averages, favours short answers.) The sums run over the whole optimiser step, so
 * gradient accumulation gives the same loss and gradient as one batch ({@link PairLogProbs#step()}). Reads only
 * {@code policyChosen}, {@code chosenTokens} and {@code step}.
 */
public final class SftLoss implements Loss {

    SftLoss() {}

    @Override
    public LossOutput compute(PairLogProbs b) {
        checkArgument(b.policyChosen().getShape().dimension() == 1
                        && b.chosenTokens().getShape().equals(b.policyChosen().getShape()),
                "sft expects policyChosen and chosenTokens of the same shape (B), got %s and %s",
                b.policyChosen().getShape(), b.chosenTokens().getShape());
        NDArray loss = nll(b);                                                        // scalar
        return new LossOutput(loss, Map.of(
                MetricNames.LOSS, loss.stopGradient(),
                MetricNames.LOGPS_CHOSEN, b.policyChosen().stopGradient().mean()));
    }

    /**
     * −Σ log π_θ(y⁺) / Σ |y⁺| (scalar), shared with {@link NllMixLoss}. In a micro-batch of a larger step the
     * denominator is the step's token count scaled to the micro-batch ({@link StepTotals#chosenTokensFor}), so the
     * trainer's example-weighted sum of micro-batch losses is the step's token mean, as without accumulation.
     */
    static NDArray nll(PairLogProbs b) {
        NDArray sum = b.policyChosen().sum().neg();                                  // scalar
        Optional<StepTotals> step = b.step();
        return step.isPresent()
                ? Scalars.div(sum, step.get().chosenTokensFor(b.policyChosen().getShape().get(0)))
                : sum.div(b.chosenTokens().sum());
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
