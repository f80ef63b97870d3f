package io.dno.losses;

import io.dno.core.tensor.Scalars;
import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import io.dno.core.train.LossOutput;
import io.dno.core.train.PairLogProbs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The arithmetic the losses share: stable log σ, log-ratios, per-token averages, validation and metrics. */
final class LossTerms {

    private LossTerms() {}

    /** log σ(x) = −softplus(−x): finite for large |x|, where {@code sigmoid().log()} gives −Inf. */
    static NDArray logSigmoid(NDArray x) {
        return Activation.softPlus(x.neg()).neg();
    }

    /** Δ = (log π(y⁺) − log π_ref(y⁺)) − (log π(y⁻) − log π_ref(y⁻)), summed over tokens. (B) */
    static NDArray margin(PairLogProbs b) {
        return chosenRatio(b).sub(rejectedRatio(b));
    }

    /** log π(y⁺) − log π_ref(y⁺). (B) */
    static NDArray chosenRatio(PairLogProbs b) {
        return b.policyChosen().sub(b.referenceChosen());
    }

    /** log π(y⁻) − log π_ref(y⁻). (B) */
    static NDArray rejectedRatio(PairLogProbs b) {
        return b.policyRejected().sub(b.referenceRejected());
    }

    /**
     * The implicit rewards of DPO (Rafailov et al. 2023, §5): {@code chosen = β(log π(y⁺) − log π_ref(y⁺))},
     * {@code rejected} likewise, and {@code logits = chosen − rejected = βΔ}. Each (B).
     */
    record Rewards(NDArray chosen, NDArray rejected, NDArray logits) {}

    /** The implicit rewards of both sides with strength {@code beta} (β, or DNO's η). */
    static Rewards rewards(PairLogProbs b, double beta) {
        NDArray chosen = Scalars.mul(chosenRatio(b), beta);      // (B)
        NDArray rejected = Scalars.mul(rejectedRatio(b), beta);  // (B)
        return new Rewards(chosen, rejected, chosen.sub(rejected));
    }

    /**
     * A loss of the DPO family: the mean over pairs of {@code perPair(βΔ)}, a function of the logits of the
     * implicit rewards (B → B), with {@link #pairMetrics} of those rewards at strength {@code beta} (β, or η).
     */
    static LossOutput rewardMarginLoss(PairLogProbs b, double beta, UnaryOperator<NDArray> perPair) {
        Rewards rewards = rewards(b, beta);
        NDArray loss = perPair.apply(rewards.logits()).mean();          // scalar
        return new LossOutput(loss, pairMetrics(loss, rewards.chosen(), rewards.rejected(), b));
    }

    /** A summed sequence quantity divided by its token count, as TRL's IPO and SimPO average log-probs. (B) */
    static NDArray perToken(NDArray summed, NDArray tokens) {
        return summed.div(tokens);
    }

    /** Checks that every array of the batch is a vector of the same length B. */
    static void checkBatch(PairLogProbs b, String loss) {
        checkArgument(b.policyChosen().getShape().dimension() == 1,
                "%s expects per-sequence log-probs of shape (B), got policyChosen of shape %s", loss,
                b.policyChosen().getShape());
        for (NDArray a : new NDArray[] {b.policyRejected(), b.referenceChosen(), b.referenceRejected(),
                b.chosenTokens(), b.rejectedTokens()}) {
            checkArgument(a.getShape().equals(b.policyChosen().getShape()),
                    "%s expects all arrays of a batch to have shape %s, got one of shape %s", loss,
                    b.policyChosen().getShape(), a.getShape());
        }
    }

    /** Checks a strength such as β, τ or η: finite and > 0. */
    static float checkPositive(String parameter, double value, String typical) {
        checkArgument(Double.isFinite(value) && value > 0,
                "%s must be a finite number > 0, got %s (typical: %s)", parameter, value, typical);
        return (float) value;
    }

    /** Checks a label-noise rate ε: in [0, 0.5). */
    static float checkSmoothing(double value) {
        checkArgument(value >= 0 && value < 0.5,
                "label smoothing epsilon (ε) must be in [0, 0.5), got %s (it is the assumed share of flipped labels; "
                        + "0 gives plain DPO, TRL's examples use 0.1)", value);
        return (float) value;
    }

    /**
     * TRL's metrics from the implicit rewards of each side (B), detached: rewards/chosen, rewards/rejected,
     * rewards/margins, rewards/accuracies, logps/chosen, logps/rejected, loss.
     */
    static Map<String, NDArray> pairMetrics(NDArray loss, NDArray chosenRewards, NDArray rejectedRewards,
                                            PairLogProbs b) {
        NDArray chosen = chosenRewards.stopGradient();     // (B)
        NDArray rejected = rejectedRewards.stopGradient(); // (B)
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put(MetricNames.LOSS, loss.stopGradient());
        metrics.put(MetricNames.REWARDS_CHOSEN, chosen.mean());
        metrics.put(MetricNames.REWARDS_REJECTED, rejected.mean());
        metrics.put(MetricNames.REWARDS_MARGINS, chosen.sub(rejected).mean());
        metrics.put(MetricNames.REWARDS_ACCURACIES, chosen.gt(rejected).toType(DataType.FLOAT32, false).mean());
        metrics.put(MetricNames.LOGPS_CHOSEN, b.policyChosen().stopGradient().mean());
        metrics.put(MetricNames.LOGPS_REJECTED, b.policyRejected().stopGradient().mean());
        return metrics;
    }
}
