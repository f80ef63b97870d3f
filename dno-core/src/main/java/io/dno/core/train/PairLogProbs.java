package io.dno.core.train;

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
 */
public record PairLogProbs(NDArray policyChosen, NDArray policyRejected, NDArray referenceChosen,
                           NDArray referenceRejected, NDArray chosenTokens, NDArray rejectedTokens,
                           Optional<NDArray> targets) {}
