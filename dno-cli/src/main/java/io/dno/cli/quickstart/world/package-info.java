/**
 * The synthetic instruction world of the quickstart experiment: task families with short, checkable answers
 * ({@link io.dno.cli.quickstart.world.TaskFamily}), prompts parsed back into tasks
 * ({@link io.dno.cli.quickstart.world.Task}), the oracle of true correctness
 * ({@link io.dno.cli.quickstart.world.Oracle}) and disjoint, seeded prompt pools
 * ({@link io.dno.cli.quickstart.world.PromptPools}). Everything here is a pure function of its seed.
 */
package io.dno.cli.quickstart.world;
