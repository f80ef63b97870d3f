/**
 * The synthetic instruction world of the quickstart experiment: task families with short, checkable answers
 * ({@link io.dno.examples.quickstart.world.TaskFamily}), prompts parsed back into tasks
 * ({@link io.dno.examples.quickstart.world.Task}), the oracle of true correctness
 * ({@link io.dno.examples.quickstart.world.Oracle}) and disjoint, seeded prompt pools
 * ({@link io.dno.examples.quickstart.world.PromptPools}). Everything here is a pure function of its seed.
 */
package io.dno.examples.quickstart.world;
