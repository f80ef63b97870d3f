/**
 * The miniature DNO experiment behind {@code ./dno quickstart}: a synthetic instruction world whose truth is
 * known ({@link io.dno.cli.quickstart.world}), a strong but imperfect teacher
 * ({@link io.dno.cli.quickstart.teacher}), a rubric annotator on the paper's additive 6-point scale
 * ({@link io.dno.cli.quickstart.judge}) and a student initialised by SFT from scratch
 * ({@link io.dno.cli.quickstart.student}), so that the comparisons of Rosset et al. 2024
 * (arXiv:2404.03715, Tables 1 and 2) can be run in minutes on a CPU.
 */
package io.dno.cli.quickstart;
