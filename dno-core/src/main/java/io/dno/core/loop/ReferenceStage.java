package io.dno.core.loop;

import io.dno.core.data.PreferencePair;
import java.nio.file.Path;
import java.util.List;

/**
 * REFERENCE: log π_ref of both sides of every pair, computed once with the reference frozen and stored as numbers,
 * so the reference never stays resident beside the policy. The reference is the previous iterate π_t for DNO and
 * SPIN (Rosset et al. 2024, Eq. 13), the initial policy for offline DPO and Lookahead.
 */
public final class ReferenceStage {
    private final RunContext run;

    public ReferenceStage(RunContext run) {
        this.run = run;
    }

    public void run(StepDirectory step, Path reference) {
        List<PreferencePair> pairs = PairStage.read(step);
        run.engine().referenceLogProbs(run, Tokenization.pairs(run.policy(), pairs), reference,
                        step.referenceParts())
                .write(step.reference());
    }
}
