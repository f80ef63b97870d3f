/**
 * The teacher of the quickstart world: strong but imperfect, like GPT-4-Turbo in Rosset et al. 2024, with a blind
 * spot (a characteristic mistake on a class of inputs per family) and random slips elsewhere
 * ({@link io.dno.cli.quickstart.teacher.TeacherProfile}), so a student that samples several answers can sometimes
 * do what its teacher cannot. Its answer to a prompt is a pure function of the prompt and the seed, so it is
 * "generated once" as the paper's gold answers are.
 */
package io.dno.cli.quickstart.teacher;
