package io.dno.losses;

import io.dno.core.train.Loss;
import io.dno.core.train.LossProvider;

/** Registers {@link Losses#dpo} and {@link Losses#sft} as the alignment builder's default losses. */
public final class LossesProvider implements LossProvider {

    @Override
    public Loss preference(double beta) {
        return Losses.dpo(beta);
    }

    @Override
    public Loss supervised() {
        return Losses.sft();
    }
}
