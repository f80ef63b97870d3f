package io.dno.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import io.dno.core.tensor.Scalars;
import java.util.Map;

/** Losses written in dno-core's tests, so they do not depend on dno-losses. */
public final class TestLosses {
    private TestLosses() {}

    /**
     * DPO (Rafailov et al. 2023, Eq. 7): mean over pairs of −log σ(β·Δ), Δ the policy-minus-reference log-ratio
     * margin; reports {@code rewards/accuracies} (share of pairs with Δ > 0) and {@code rewards/margins} (β·Δ).
     */
    public static Loss dpo(double beta) {
        return new Loss() {
            @Override
            public LossOutput compute(PairLogProbs b) {
                NDArray margin = b.policyChosen().sub(b.referenceChosen())
                        .sub(b.policyRejected().sub(b.referenceRejected()));                       // (B)
                NDArray logits = Scalars.mul(margin, beta);                                        // (B)
                NDArray loss = Activation.softPlus(logits.neg()).mean();                           // scalar
                return new LossOutput(loss, Map.of(
                        "rewards/accuracies", margin.stopGradient().gt(0).toType(DataType.FLOAT32, false).mean(),
                        "rewards/margins", logits.stopGradient().mean()));
            }

            @Override
            public boolean needsReference() {
                return true;
            }

            @Override
            public String name() {
                return "test-dpo(beta=" + beta + ")";
            }
        };
    }

    /** Mean negative log-likelihood per response token: supervised fine-tuning, no reference model. */
    public static Loss sft() {
        return new Loss() {
            @Override
            public LossOutput compute(PairLogProbs b) {
                return new LossOutput(b.policyChosen().sum().neg().div(b.chosenTokens().sum()), Map.of());
            }

            @Override
            public boolean needsReference() {
                return false;
            }

            @Override
            public String name() {
                return "sft";
            }
        };
    }
}
