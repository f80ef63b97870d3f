package io.dno.core.train;

/**
 * A training objective over per-sequence log-probabilities (TRL's design: a loss is arithmetic over
 * {@code (B)} vectors). Implementations live in {@code dno-losses} behind the {@code Losses} factory.
 *
 * <p>Implementations are stateless and thread-safe, validate their hyperparameters in their constructors,
 * and create every array in the manager of the inputs (the step's sub-manager).
 */
public interface Loss {

    /** The scalar loss to minimise plus named metrics, for a batch of B pairs or demonstrations. */
    LossOutput compute(PairLogProbs batch);

    /** Whether the loss reads the reference log-probs (SFT does not). */
    default boolean needsReference() {
        return true;
    }

    /** The loss and its hyperparameters, e.g. {@code dpo(beta=0.1)}. */
    String name();
}
