/**
 * Training on DJL tensors: the loss SPI ({@link io.dno.core.train.Loss}, {@link io.dno.core.train.PairLogProbs},
 * {@link io.dno.core.train.LossOutput}), the optimiser ({@link io.dno.core.train.AdamW} with torch semantics and
 * checkpointable state), learning-rate schedules ({@link io.dno.core.train.LearningRateSchedule}), global-norm
 * clipping ({@link io.dno.core.train.GradientClipping}), the NaN/Inf stop ({@link io.dno.core.train.NonFiniteGuard})
 * and freezing by name ({@link io.dno.core.train.Parameters}). One sub-manager per step; nothing outlives it but the
 * parameters and optimiser state.
 *
 * <p>A step, once a trainer exists:
 * <pre>{@code
 * LossOutput out;
 * try (ThreadGradientCollector gc = new ThreadGradientCollector()) { out = loss.compute(batch); gc.backward(out.loss()); }
 * double lr = schedule.at(optimizer.steps());
 * double norm = GradientClipping.clipGlobalNorm(parameters, 1.0);
 * NonFiniteGuard.check(optimizer.steps(), out.loss().getFloat(), norm, lr);
 * optimizer.step(parameters, lr);                  // also zeroes the gradients
 * }</pre>
 */
package io.dno.core.train;
