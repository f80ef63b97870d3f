/**
 * Training on DJL tensors: the loss SPI ({@link io.dno.core.train.Loss}, {@link io.dno.core.train.PairLogProbs}),
 * and the optimiser, schedules and gradient utilities. One sub-manager per step; nothing outlives it but the
 * parameters and optimiser state.
 */
package io.dno.core.train;
