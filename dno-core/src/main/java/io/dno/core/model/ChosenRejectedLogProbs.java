package io.dno.core.model;

import ai.djl.ndarray.NDArray;

/**
 * Summed response log-probabilities of B preference pairs, scored together as one batch of 2B sequences.
 * Differentiable when computed inside a GradientCollector; feeds {@link io.dno.core.train.PairLogProbs}.
 *
 * @param policyChosen   log π(y⁺|x)             (B)
 * @param policyRejected log π(y⁻|x)             (B)
 * @param chosenTokens   tokens of y⁺, as float  (B)
 * @param rejectedTokens tokens of y⁻, as float  (B)
 */
public record ChosenRejectedLogProbs(NDArray policyChosen, NDArray policyRejected, NDArray chosenTokens,
                                     NDArray rejectedTokens) {}
