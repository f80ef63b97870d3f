package io.dno.core.train;

/**
 * The learning rate as a pure function of the optimizer step: {@code at(step)} for step = the number of optimizer
 * steps already taken (0 for the first), as Hugging Face's schedulers count. Linear warm-up from 0 therefore
 * gives the first step a learning rate of 0, exactly as TRL trainers do.
 *
 * <pre>{@code
 * LearningRateSchedule lr = LearningRateSchedule.cosine(5e-7, 0, 10, 1000); // warm up 10 steps, decay to 0 at 1000
 * optimizer.step(parameters, lr.at(optimizer.steps()));
 * }</pre>
 */
public sealed interface LearningRateSchedule permits ConstantSchedule, CosineSchedule, StageSchedule {

    /** The learning rate for the step with 0-based index {@code step}. */
    double at(long step);

    /** A constant learning rate. */
    static ConstantSchedule constant(double learningRate) {
        return new ConstantSchedule(learningRate, 0);
    }

    /** A constant learning rate after a linear warm-up from 0 over {@code warmupSteps}. */
    static ConstantSchedule constant(double learningRate, long warmupSteps) {
        return new ConstantSchedule(learningRate, warmupSteps);
    }

    /** Linear warm-up from 0 to {@code peak}, then half a cosine down to {@code finalValue} at {@code totalSteps}. */
    static CosineSchedule cosine(double peak, double finalValue, long warmupSteps, long totalSteps) {
        return new CosineSchedule(peak, finalValue, warmupSteps, totalSteps);
    }
}
