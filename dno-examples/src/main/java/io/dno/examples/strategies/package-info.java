/**
 * One short runnable {@code main} per strategy of the DNO paper (SFT, SFT on positives, offline DPO, SPIN, DNO,
 * DNO-Restrictive, DNO-Lookahead), all in the same small world ({@link io.dno.examples.strategies.ExampleWorld}):
 * reverse a string of letters, judged by a rule. Each leaves a run directory with report.md.
 */
package io.dno.examples.strategies;
