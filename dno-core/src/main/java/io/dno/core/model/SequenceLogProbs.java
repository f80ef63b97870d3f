package io.dno.core.model;

import ai.djl.ndarray.NDArray;

/**
 * Log-probabilities of response tokens given their prompts, from one forward pass.
 *
 * @param tokenLogProbs (B, T) float32: at column t, log p(x_t | x_{&lt;t}) where x_t is a response token, 0 at
 *                      prompt and padding columns (aligned with the batch's input ids)
 * @param sums          (B) float32: Σ over the response tokens, log π(y|x)
 * @param tokenCounts   (B) float32: number of response tokens
 */
public record SequenceLogProbs(NDArray tokenLogProbs, NDArray sums, NDArray tokenCounts) {}
