package io.dno.core.policy;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import java.util.List;

/**
 * A language model that answers prompts: the π of DNO (Rosset et al. 2024, Algorithm 2), sampled K times
 * per prompt each iteration. Tensor-free surface; the implementation owns its native memory and releases
 * it in {@link #close()}. Whoever creates a policy closes it.
 */
public interface Policy extends AutoCloseable {

    /**
     * Samples {@code params.n()} answers for every prompt.
     *
     * @return one list per prompt, in prompt order, each of {@code params.n()} student responses
     */
    List<List<Response>> generate(List<Prompt> prompts, SamplingParams params);

    @Override
    void close();
}
