/**
 * {@code dno nash}: the Nash check of DNO's theory (Rosset et al. 2024 §3, Algorithm 1, Eq. 8; SEEDS-SPEC D-17) on a
 * toy prompt set whose answers are single move tokens, an intransitive preference (rock-paper-scissors) and a
 * transitive control, trained through the library's own policy, pairwise annotator, pair builder, trainer and losses;
 * offline DPO on the same data as the Bradley-Terry-reward contrast. Exact per-prompt answer distributions, so every
 * figure (total-variation distance to the minimax winner, win rate over the previous iterate) has no sampling noise.
 */
package io.dno.cli.nash;
