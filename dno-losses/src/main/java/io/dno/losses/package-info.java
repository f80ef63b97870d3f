/**
 * Training objectives behind the {@link io.dno.losses.Losses} factory: SFT, DPO and its variants (conservative,
 * robust, IPO, hinge, length-normalised), the NLL mix-in, and DNO's regression (Eq. 8) and contrastive (Eq. 13)
 * losses.
 *
 * <p>Every loss is arithmetic over the {@code (B)} vectors of a {@link io.dno.core.train.PairLogProbs}: summed
 * response log-probs of the policy and the reference, token counts and, for DNO's regression, soft targets.
 * Log σ is always computed as {@code -softplus(-x)}, which stays finite for large |x|. Metrics use TRL's names
 * ({@link io.dno.losses.MetricNames}) and are detached from the graph.
 */
package io.dno.losses;
