package io.dno.core.tensor;

import ai.djl.ndarray.NDArray;

/**
 * Multiplication, division and powers by a plain number that are safe under autograd.
 *
 * <p>Why: DJL's {@code x.mul(0.1f)} wraps the number in a temporary tensor made with {@code torch::from_blob}
 * over a Java direct buffer, multiplies, and closes the temporary at once. PyTorch's backward of
 * {@code mul}, {@code div} and {@code pow} keeps that operand to compute the gradient; once the wrapper is
 * closed the buffer can be garbage-collected, and a GC between forward and backward frees memory the
 * backward pass then reads. Symptom, measured on a 2,000-step DPO loop: gradients of 1e30 or NaN at a
 * random step, different from run to run, gone when a GC was forced between steps.
 * ({@code add} and {@code sub} by a number are safe: their backward does not read the operand.)
 *
 * <p>Here the number becomes a scalar array owned by {@code x}'s manager, so it lives as long as the
 * activations that reference it (the step's sub-manager), past the backward pass.
 */
public final class Scalars {

    private Scalars() {}

    /** {@code x * value}, differentiable in {@code x}. */
    public static NDArray mul(NDArray x, double value) {
        return x.mul(scalar(x, value));
    }

    /** {@code x / value}, differentiable in {@code x}. */
    public static NDArray div(NDArray x, double value) {
        return x.div(scalar(x, value));
    }

    /** {@code x ^ exponent}, differentiable in {@code x}. */
    public static NDArray pow(NDArray x, double exponent) {
        return x.pow(scalar(x, exponent));
    }

    private static NDArray scalar(NDArray like, double value) {
        return like.getManager().create((float) value).toType(like.getDataType(), false);
    }
}
