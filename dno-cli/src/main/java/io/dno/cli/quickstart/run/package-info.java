/**
 * The quickstart runner ({@code dno quickstart}): for each seed, an SFT-initialised student and the methods of
 * Table 1 of Rosset et al. 2024 (SFT, SFT on positives, offline DPO, SPIN, DNO-Restrictive, DNO, DNO-Lookahead)
 * under one budget, measured by the oracle (true accuracy) and by the judge (win rate against the teacher);
 * {@code results.json}, {@code report.md} and PNG plots.
 */
package io.dno.cli.quickstart.run;
