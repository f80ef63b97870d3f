package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How the trainer optimises. Defaults follow the DNO paper where it gives numbers (Rosset et al. 2024
 * §5.1: effective batch size 64, at most one epoch per iteration) and PyTorch elsewhere.
 *
 * @param batchSize            examples per optimiser step (the effective batch)
 * @param gradientAccumulation micro-batches per step: the batch is split in this many forward/backward passes
 * @param schedule             learning rate as a function of the optimiser step
 * @param optimizer            AdamW's betas, epsilon and weight decay
 * @param maxGradNorm          global-norm clipping threshold; {@code <= 0} disables clipping
 * @param seed                 seed of the batch order
 * @param padId                token id of padded positions
 * @param groupByLength        batch examples of similar length together (HF's {@code group_by_length}), which pads
 *                             less; off, every batch is a plain random draw, which mixed-task data can need (grouped
 *                             batches then hold one task each, and the updates alternate between tasks)
 */
public record TrainerSettings(int batchSize, int gradientAccumulation, LearningRateSchedule schedule,
                              AdamWSettings optimizer, double maxGradNorm, long seed, int padId,
                              boolean groupByLength) {

    /** Settings that group batches by length, as before {@code groupByLength} existed. */
    public TrainerSettings(int batchSize, int gradientAccumulation, LearningRateSchedule schedule,
                           AdamWSettings optimizer, double maxGradNorm, long seed, int padId) {
        this(batchSize, gradientAccumulation, schedule, optimizer, maxGradNorm, seed, padId, true);
    }

    public TrainerSettings {
        checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
        checkArgument(gradientAccumulation >= 1 && gradientAccumulation <= batchSize,
                "gradientAccumulation must be in [1, batchSize=%s], got %s", batchSize, gradientAccumulation);
        checkArgument(schedule != null, "schedule must not be null; e.g. LearningRateSchedule.constant(5e-5)");
        checkArgument(optimizer != null, "optimizer settings must not be null; e.g. AdamWSettings.TORCH_DEFAULTS");
        checkArgument(Double.isFinite(maxGradNorm), "maxGradNorm must be finite (<= 0 disables clipping)");
        checkArgument(padId >= 0, "padId must be >= 0, got %s", padId);
    }

    /** Batch 64, constant learning rate {@code lr}, AdamW without weight decay ({@link AdamWSettings#DEFAULTS}), clip 1. */
    public static TrainerSettings defaults(double lr, int padId) {
        return new TrainerSettings(64, 1, LearningRateSchedule.constant(lr), AdamWSettings.DEFAULTS, 1.0, 0L,
                padId, true);
    }

    public TrainerSettings withBatchSize(int size) {
        return new TrainerSettings(size, Math.min(gradientAccumulation, size), schedule, optimizer, maxGradNorm, seed,
                padId, groupByLength);
    }

    public TrainerSettings withGradientAccumulation(int steps) {
        return new TrainerSettings(batchSize, steps, schedule, optimizer, maxGradNorm, seed, padId, groupByLength);
    }

    public TrainerSettings withSchedule(LearningRateSchedule s) {
        return new TrainerSettings(batchSize, gradientAccumulation, s, optimizer, maxGradNorm, seed, padId,
                groupByLength);
    }

    public TrainerSettings withOptimizer(AdamWSettings o) {
        return new TrainerSettings(batchSize, gradientAccumulation, schedule, o, maxGradNorm, seed, padId,
                groupByLength);
    }

    public TrainerSettings withMaxGradNorm(double norm) {
        return new TrainerSettings(batchSize, gradientAccumulation, schedule, optimizer, norm, seed, padId,
                groupByLength);
    }

    public TrainerSettings withGroupByLength(boolean group) {
        return new TrainerSettings(batchSize, gradientAccumulation, schedule, optimizer, maxGradNorm, seed, padId,
                group);
    }

    public TrainerSettings withSeed(long s) {
        return new TrainerSettings(batchSize, gradientAccumulation, schedule, optimizer, maxGradNorm, s, padId,
                groupByLength);
    }
}
