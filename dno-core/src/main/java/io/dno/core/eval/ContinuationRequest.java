package io.dno.core.eval;

import static com.google.common.base.Preconditions.checkArgument;

/** lm-evaluation-harness's {@code loglikelihood} request: how likely {@code continuation} is after {@code context}. */
public record ContinuationRequest(String context, String continuation) {
    public ContinuationRequest {
        checkArgument(context != null && continuation != null, "context and continuation must not be null");
        checkArgument(!continuation.isEmpty(), "the continuation is empty: there is nothing to score");
    }
}
