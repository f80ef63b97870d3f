package io.dno.core.train;

/**
 * Training produced a NaN or infinite loss or gradient norm; thrown by {@link NonFiniteGuard} before the optimizer
 * step, so the parameters are still those of the previous step.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which quantity went non-finite. */
    public enum Quantity { LOSS, GRADIENT_NORM }

    private final long step;
    private final Quantity quantity;
    private final double value;

    TrainingDivergedException(long step, Quantity quantity, double value, String message) {
        super(message);
        this.step = step;
        this.quantity = quantity;
        this.value = value;
    }

    /** The 0-based optimizer step that failed. */
    public long step() {
        return step;
    }

    /** The quantity that was not finite. */
    public Quantity quantity() {
        return quantity;
    }

    /** Its value: NaN or ±Infinity. */
    public double value() {
        return value;
    }
}
