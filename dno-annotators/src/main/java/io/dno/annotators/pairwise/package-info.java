/**
 * From a pairwise preference P(y ≻ y' | x) to per-candidate win-rates (DNO, Rosset et al. 2024, Algorithm 2
 * line 5), so a pairwise judge can feed the listwise pair rules.
 */
package io.dno.annotators.pairwise;
