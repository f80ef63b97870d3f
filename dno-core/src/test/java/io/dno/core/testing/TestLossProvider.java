package io.dno.core.testing;

import io.dno.core.train.Loss;
import io.dno.core.train.LossProvider;
import io.dno.core.train.TestLosses;

/** The default losses of dno-core's own tests (registered in META-INF/services), so they need no dno-losses. */
public final class TestLossProvider implements LossProvider {
    @Override
    public Loss preference(double beta) {
        return TestLosses.dpo(beta);
    }

    @Override
    public Loss supervised() {
        return TestLosses.sft();
    }
}
