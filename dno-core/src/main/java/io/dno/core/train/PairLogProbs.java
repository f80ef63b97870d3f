package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * Per-sequence summed log-probabilities of the response tokens for B pairs; every array has shape (B),
 * float32, and lives in the step's sub-manager. For SFT only {@code policyChosen} and {@code chosenTokens}
 * are meaningful; the other arrays may be the same objects.
 *
 * @param policyChosen      log π_θ(y⁺|x), differentiable                      (B)
 * @param policyRejected    log π_θ(y⁻|x), differentiable                      (B)
 * @param referenceChosen   log π_ref(y⁺|x), constant                          (B)
 * @param referenceRejected log π_ref(y⁻|x), constant                          (B)
 * @param chosenTokens      number of response tokens of y⁺, as float          (B)
 * @param rejectedTokens    number of response tokens of y⁻, as float          (B)
 * @param targets           optional soft targets P(y⁺ ≻ y⁻) in [0, 1] for DNO's Eq. 8 (B)
 * @param step              the whole optimiser step's totals when this batch is one of its micro-batches; token
 *                          means divide by {@link StepTotals#chosenTokensFor} so accumulation is exact. Empty: this
 *                          batch is the whole step
 */
public record PairLogProbs(NDArray policyChosen, NDArray policyRejected, NDArray referenceChosen,
                           NDArray referenceRejected, NDArray chosenTokens, NDArray rejectedTokens,
                           Optional<NDArray> targets, Optional<StepTotals> step) {

    public PairLogProbs {
        checkArgument(targets != null && step != null, "targets and step are Optional.empty() when absent, not null");
    }

    /** A batch that is a whole step (no gradient accumulation). */
    public PairLogProbs(NDArray policyChosen, NDArray policyRejected, NDArray referenceChosen, NDArray referenceRejected,
                        NDArray chosenTokens, NDArray rejectedTokens, Optional<NDArray> targets) {
        this(policyChosen, policyRejected, referenceChosen, referenceRejected, chosenTokens, rejectedTokens, targets,
                Optional.empty());
    }
}
