package io.dno.core.train;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Where the alignment builder finds its default losses when none is given: the DPO loss of Rosset et al.
 * 2024 (Eq. 13, β = η) for preference strategies and the masked NLL for SFT. {@code dno-losses} registers one
 * through {@link ServiceLoader}, so {@code dno-core} stays free of loss implementations.
 */
public interface LossProvider {

    /** The DPO-form loss with strength {@code beta}. */
    Loss preference(double beta);

    /** The supervised loss on response tokens. */
    Loss supervised();

    /** The first provider on the class path, if any. */
    static Optional<LossProvider> find() {
        return ServiceLoader.load(LossProvider.class).findFirst();
    }
}
