package io.dno.core.eval;

import java.util.List;

/** Scores continuations: Σ log p(continuation tokens | context), one number per request, in order. */
@FunctionalInterface
public interface Loglikelihood {
    double[] logLikelihoods(List<ContinuationRequest> requests);
}
