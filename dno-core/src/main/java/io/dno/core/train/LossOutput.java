package io.dno.core.train;

import ai.djl.ndarray.NDArray;
import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * The scalar loss of a step and its named scalar metrics (TRL names: {@code rewards/chosen},
 * {@code rewards/rejected}, {@code rewards/margins}, {@code rewards/accuracies}, {@code logps/chosen},
 * {@code logps/rejected}). Metrics are left as scalar arrays so the trainer reads them all in one sync.
 */
public record LossOutput(NDArray loss, Map<String, NDArray> metrics) {
    public LossOutput {
        metrics = ImmutableMap.copyOf(metrics);
    }
}
