package io.dno.core.train;

import io.dno.core.train.TrainingDivergedException.Quantity;

/**
 * Stops training before an optimizer step that would write NaN or Inf into the parameters. Call
 * {@link #check} after backward and clipping, before {@link AdamW#step}:
 *
 * <pre>{@code
 * double norm = GradientClipping.clipGlobalNorm(parameters, 1.0);
 * NonFiniteGuard.check(step, loss, norm, lr);   // throws TrainingDivergedException
 * optimizer.step(parameters, lr);
 * }</pre>
 */
public final class NonFiniteGuard {

    private NonFiniteGuard() {}

    /** Throws if {@code loss} or {@code gradientNorm} is NaN or infinite; the loss is reported first. */
    public static void check(long step, double loss, double gradientNorm, double learningRate) {
        checkLoss(step, loss, learningRate);
        if (!Double.isFinite(gradientNorm)) {
            throw new TrainingDivergedException(step, Quantity.GRADIENT_NORM, gradientNorm, String.format(
                    "training diverged at step %d: the gradient norm is %s while the loss was finite (%s). "
                            + "The optimizer step was skipped, so the parameters are those before this step. %s",
                    step, gradientNorm, loss, advice(learningRate)));
        }
    }

    /** Throws if {@code loss} is NaN or infinite (before backward, to skip it). */
    public static void checkLoss(long step, double loss, double learningRate) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(step, Quantity.LOSS, loss, String.format(
                    "training diverged at step %d: the loss is %s. The optimizer step was skipped, so the parameters "
                            + "are those before this step. %s", step, loss, advice(learningRate)));
        }
    }

    private static String advice(double learningRate) {
        return String.format("Lower the learning rate (now %s), e.g. halve it, lengthen the warm-up, or clip "
                + "gradients to a smaller norm; also check the batch for responses with 0 tokens.", learningRate);
    }
}
