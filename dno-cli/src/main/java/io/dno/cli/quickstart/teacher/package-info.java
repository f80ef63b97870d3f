/**
 * The teacher of the quickstart world: strong but imperfect, like GPT-4-Turbo in Rosset et al. 2024, so a
 * student can overtake it. Correct with a set probability, otherwise a plausible mistake
 * ({@link io.dno.cli.quickstart.teacher.Mistakes}); its answer to a prompt is a pure function of the
 * prompt and the seed, so it is "generated once" as the paper's gold answers are.
 */
package io.dno.cli.quickstart.teacher;
