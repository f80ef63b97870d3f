/**
 * The synthetic instruction world of the quickstart experiment: task families with short, checkable answers and a
 * blind class each ({@link io.dno.cli.quickstart.world.TaskFamily}), prompts parsed back into tasks
 * ({@link io.dno.cli.quickstart.world.Task}), answers in three forms of different length
 * ({@link io.dno.cli.quickstart.world.Answer}), the oracle of true correctness
 * ({@link io.dno.cli.quickstart.world.Oracle}) and disjoint, seeded prompt pools
 * ({@link io.dno.cli.quickstart.world.PromptPools}). Everything here is a pure function of its seed.
 */
package io.dno.cli.quickstart.world;
