package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Linear warm-up from 0 to {@code peak} over W steps, then a half cosine from {@code peak} to {@code finalValue}
 * at step T, and {@code finalValue} after it (HF {@code get_cosine_schedule_with_warmup} with a floor):
 *
 * <pre>
 *   lr(s) = peak·s/W                                              s &lt; W
 *   lr(s) = final + (peak − final)·½·(1 + cos(π·min(1, (s − W)/(T − W))))   s >= W
 * </pre>
 *
 * @param peak        the rate at the end of warm-up, finite and > 0
 * @param finalValue  the rate from step T on, in [0, peak]
 * @param warmupSteps W >= 0
 * @param totalSteps  T > W
 */
public record CosineSchedule(double peak, double finalValue, long warmupSteps, long totalSteps)
        implements LearningRateSchedule {

    public CosineSchedule {
        checkArgument(Double.isFinite(peak) && peak > 0, "peak learning rate must be finite and > 0, got %s", peak);
        checkArgument(finalValue >= 0 && finalValue <= peak,
                "final learning rate must be in [0, peak=%s], got %s", peak, finalValue);
        checkArgument(warmupSteps >= 0, "warmupSteps must be >= 0, got %s", warmupSteps);
        checkArgument(totalSteps > warmupSteps,
                "totalSteps must exceed warmupSteps=%s, got %s", warmupSteps, totalSteps);
    }

    @Override
    public double at(long step) {
        checkArgument(step >= 0, "step must be >= 0, got %s", step);
        if (step < warmupSteps) {
            return peak * step / warmupSteps;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        return finalValue + (peak - finalValue) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
