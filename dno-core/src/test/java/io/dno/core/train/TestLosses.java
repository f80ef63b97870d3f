package io.dno.core.train;

import java.util.Map;

/** Losses written in dno-core's tests, so they do not depend on dno-losses. */
public final class TestLosses {
    private TestLosses() {}

    /** Mean negative log-likelihood per response token: supervised fine-tuning, no reference model. */
    public static Loss sft() {
        return new Loss() {
            @Override
            public LossOutput compute(PairLogProbs b) {
                return new LossOutput(b.policyChosen().sum().neg().div(b.chosenTokens().sum()), Map.of());
            }

            @Override
            public boolean needsReference() {
                return false;
            }

            @Override
            public String name() {
                return "sft";
            }
        };
    }
}
