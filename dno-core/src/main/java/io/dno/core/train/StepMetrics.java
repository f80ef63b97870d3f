package io.dno.core.train;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * What one optimiser step did, as TRL users read it: the loss, the learning rate, the gradient norm
 * before clipping, and the loss's metrics ({@code rewards/chosen}, {@code rewards/margins}, ...), each
 * averaged over the step's examples.
 *
 * @param step         1-based optimiser step over the whole training run
 * @param epoch        0-based epoch
 * @param loss         mean loss of the step
 * @param learningRate learning rate used for the update
 * @param gradNorm     global gradient norm before clipping
 * @param metrics      the loss's named metrics
 * @param examples     examples in the step
 * @param tokens       tokens in the step's padded batches (all sequences)
 */
public record StepMetrics(long step, int epoch, double loss, double learningRate, double gradNorm,
                          Map<String, Double> metrics, int examples, long tokens) {
    public StepMetrics {
        metrics = ImmutableMap.copyOf(metrics);
    }
}
