package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The learning rate across the training stages of an alignment run. A run trains in several stages (one per
 * iteration, or one per epoch of offline data), so a single trainer schedule reused in every stage would restart its
 * warm-up each time and, with a fixed step budget, either never decay or train a stage's tail at rate 0. Instead:
 *
 * <ul>
 *   <li>warm-up happens once per run, over its first {@code warmupSteps} optimiser steps (counted across stages);
 *   <li>each stage's shape is laid over that stage's actual step count ({@link #stage}): constant, or a half
 *       cosine from the stage's peak to {@code finalFraction} of it, whose last step is still above that floor;
 *   <li>stage k (0-based) peaks at {@code peak · iterationDecay^k}. Rosset et al. 2024 (§5.1) write that the
 *       rate "must be lowered at higher iterations" without giving values; {@code iterationDecay} below 1 does
 *       that, 1 (the default) keeps every iteration's peak.
 * </ul>
 * Offline strategies whose data is known up front (SFT, offline DPO) use one stage across the whole run.
 *
 * @param peak           the rate after warm-up in the first stage, finite and > 0
 * @param shape          the rate's shape within a stage
 * @param warmupSteps    linear warm-up from 0 over the run's first steps (HF convention: step 0 trains at 0)
 * @param finalFraction  cosine only: the floor as a fraction of the stage's peak, in [0, 1)
 * @param iterationDecay factor applied to the peak from one stage to the next, in (0, 1]
 */
public record LearningRates(double peak, Shape shape, long warmupSteps, double finalFraction, double iterationDecay) {

    /** The rate's shape within one training stage. */
    public enum Shape { CONSTANT, COSINE }

    public LearningRates {
        checkArgument(Double.isFinite(peak) && peak > 0, "learning rate must be finite and > 0, got %s", peak);
        checkArgument(shape != null, "shape must be CONSTANT or COSINE");
        checkArgument(warmupSteps >= 0, "warm-up steps must be >= 0, got %s", warmupSteps);
        checkArgument(finalFraction >= 0 && finalFraction < 1, "the cosine floor must be in [0, 1) of the peak, got %s",
                finalFraction);
        checkArgument(iterationDecay > 0 && iterationDecay <= 1,
                "the per-iteration decay must be in (0, 1] (1 keeps the rate), got %s", iterationDecay);
    }

    /** A constant rate, no warm-up, the same peak in every iteration. */
    public static LearningRates constant(double peak) {
        return new LearningRates(peak, Shape.CONSTANT, 0, 0, 1);
    }

    /** A half cosine to 0 within each stage, no warm-up, the same peak in every iteration. */
    public static LearningRates cosine(double peak) {
        return new LearningRates(peak, Shape.COSINE, 0, 0, 1);
    }

    /**
     * The run-level reading of a single trainer schedule: its peak, warm-up and shape (a cosine's floor as a
     * fraction of its peak); a cosine's {@code totalSteps} is replaced by each stage's actual step count.
     */
    public static LearningRates from(LearningRateSchedule schedule) {
        if (schedule instanceof ConstantSchedule c) {
            return new LearningRates(c.learningRate(), Shape.CONSTANT, c.warmupSteps(), 0, 1);
        }
        if (schedule instanceof CosineSchedule c) {
            return new LearningRates(c.peak(), Shape.COSINE, c.warmupSteps(), c.finalValue() / c.peak(), 1);
        }
        if (schedule instanceof StageSchedule s) {
            return new LearningRates(s.peak(), s.shape(), s.warmupSteps(), s.finalFraction(), 1);
        }
        throw new IllegalArgumentException("unknown schedule " + schedule);
    }

    public LearningRates withWarmupSteps(long steps) {
        return new LearningRates(peak, shape, steps, finalFraction, iterationDecay);
    }

    public LearningRates withIterationDecay(double decay) {
        return new LearningRates(peak, shape, warmupSteps, finalFraction, decay);
    }

    /**
     * The schedule of the {@code index}-th training stage (0-based), which follows {@code stepsBefore} optimiser
     * steps of the run and takes {@code steps} steps; its {@code at(s)} takes the stage's own step s in
     * [0, steps) — or, for a stage that spans the whole run, the run's step.
     */
    public StageSchedule stage(int index, long stepsBefore, long steps) {
        checkArgument(index >= 0, "stage index must be >= 0, got %s", index);
        checkArgument(stepsBefore >= 0, "steps before the stage must be >= 0, got %s", stepsBefore);
        checkArgument(steps >= 1, "a training stage has at least one step, got %s", steps);
        return new StageSchedule(peak * Math.pow(iterationDecay, index), shape, finalFraction, warmupSteps, stepsBefore,
                steps);
    }
}
