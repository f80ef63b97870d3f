/**
 * The miniature DNO experiment behind {@code ./dno quickstart}: a synthetic instruction world whose truth is
 * known ({@link io.dno.cli.quickstart.world}), a strong teacher with a blind spot (a characteristic mistake on a
 * class of inputs per family) and random slips ({@link io.dno.cli.quickstart.teacher}), a listwise rubric annotator
 * on the paper's additive 6-point scale whose sixth point is relative to the call ({@link
 * io.dno.cli.quickstart.judge}) and a student initialised by SFT from scratch ({@link
 * io.dno.cli.quickstart.student}), so that the mechanism and the comparisons of Rosset et al. 2024 (arXiv:2404.03715,
 * Tables 1 and 2) can be run in minutes on a CPU.
 */
package io.dno.cli.quickstart;
