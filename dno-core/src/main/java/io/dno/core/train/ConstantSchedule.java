package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A constant learning rate after an optional linear warm-up from 0:
 * lr(s) = peak·s/W for s &lt; W, peak afterwards (HF {@code get_constant_schedule_with_warmup}).
 *
 * @param learningRate the rate after warm-up, finite and > 0
 * @param warmupSteps  W >= 0; 0 for no warm-up
 */
public record ConstantSchedule(double learningRate, long warmupSteps) implements LearningRateSchedule {

    public ConstantSchedule {
        checkArgument(Double.isFinite(learningRate) && learningRate > 0,
                "learning rate must be finite and > 0, got %s", learningRate);
        checkArgument(warmupSteps >= 0, "warmupSteps must be >= 0, got %s", warmupSteps);
    }

    @Override
    public double at(long step) {
        checkArgument(step >= 0, "step must be >= 0, got %s", step);
        return step < warmupSteps ? learningRate * step / warmupSteps : learningRate;
    }
}
