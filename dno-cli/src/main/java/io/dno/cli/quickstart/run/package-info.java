/**
 * The quickstart runner ({@code dno quickstart}): for each seed, an SFT-initialised student, the clean-label student of
 * gate G1, and the methods of Table 1 of Rosset et al. 2024 (SFT, SFT on positives, offline DPO, SPIN,
 * DNO-Restrictive, DNO, DNO-Lookahead) plus rejection-sampling fine-tuning on the teacher, under one budget, as tasks
 * spread over worker threads. Each method's final model is its best iterate on the validation prompts (Algorithm 2);
 * everything is measured by the oracle (true accuracy, on the teacher's blind class and elsewhere) and by the judge
 * (win rate against the teacher). Writes {@code results.json} (gates first), {@code report.md} and PNG plots.
 */
package io.dno.cli.quickstart.run;
