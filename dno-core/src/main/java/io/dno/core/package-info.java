/**
 * The alignment loop's public face: {@link io.dno.core.Alignment#builder()} composes a policy, a
 * {@link io.dno.core.Strategy} (SFT, SFT on positives, offline DPO, SPIN, DNO, DNO-Restrictive, DNO-Lookahead;
 * Rosset et al. 2024, arXiv:2404.03715), prompts, a teacher, an annotator, pair rules and a loss, and runs it
 * stage by stage into a resumable run directory, returning an {@link io.dno.core.AlignmentReport}.
 * {@link io.dno.core.RunListener} lets embedding applications follow the run. Tensors stay in the policy's model.
 */
package io.dno.core;
