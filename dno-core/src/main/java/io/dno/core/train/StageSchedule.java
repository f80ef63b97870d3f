package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One training stage's learning rate ({@link LearningRates#stage}): for the stage's step s of S, after B steps of
 * the run and with warm-up W over the run's steps,
 *
 * <pre>
 *   lr(s) = peak · min(1, (B + s)/W) · shape(s),   shape = 1 (constant)
 *                                                   shape = f + (1 − f)·½·(1 + cos(π·s/S))   (cosine)
 * </pre>
 * so the stage's last step (s = S − 1) trains above the floor f·peak, and warm-up continues where the previous
 * stage left it. Steps past S keep the floor (a resumed stage never trains beyond S).
 *
 * @param peak          this stage's peak rate
 * @param shape         constant or cosine
 * @param finalFraction cosine floor as a fraction of {@code peak}
 * @param warmupSteps   W, counted over the run
 * @param stepsBefore   B, the run's steps before this stage
 * @param steps         S, this stage's steps
 */
public record StageSchedule(double peak, LearningRates.Shape shape, double finalFraction, long warmupSteps,
                            long stepsBefore, long steps) implements LearningRateSchedule {

    public StageSchedule {
        checkArgument(Double.isFinite(peak) && peak > 0, "peak learning rate must be finite and > 0, got %s", peak);
        checkArgument(steps >= 1 && stepsBefore >= 0 && warmupSteps >= 0, "steps %s, steps before %s, warm-up %s",
                steps, stepsBefore, warmupSteps);
    }

    @Override
    public double at(long step) {
        checkArgument(step >= 0, "step must be >= 0, got %s", step);
        long runStep = stepsBefore + step;
        double warm = runStep < warmupSteps ? (double) runStep / warmupSteps : 1.0;
        double within = shape == LearningRates.Shape.CONSTANT ? 1.0
                : finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, (double) step
                / steps)));
        return peak * warm * within;
    }
}
