package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import ai.djl.ndarray.NDArray;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of an {@link AdamW}, as saved in a checkpoint: the number of optimizer steps, and per parameter
 * {@code name.exp_avg}, {@code name.exp_avg_sq} and {@code name.step} (int64, shape (1)). Whoever holds the arrays
 * owns them (their manager).
 */
public record AdamWState(long steps, Map<String, NDArray> tensors) {

    public AdamWState {
        checkArgument(steps >= 0, "optimizer steps must be >= 0, got %s", steps);
        tensors = ImmutableMap.copyOf(checkNotNull(tensors, "tensors"));
        for (String key : tensors.keySet()) {
            String name = parameterName(key);
            for (String suffix : new String[] {AdamW.EXP_AVG, AdamW.EXP_AVG_SQ, AdamW.STEP}) {
                checkArgument(tensors.containsKey(name + suffix),
                        "optimizer state for parameter '%s' lacks '%s' (has %s)", name, name + suffix, tensors.keySet());
            }
            checkArgument(tensors.get(name + AdamW.EXP_AVG).getShape().equals(tensors.get(name + AdamW.EXP_AVG_SQ).getShape()),
                    "optimizer state for parameter '%s' has exp_avg of shape %s but exp_avg_sq of shape %s", name,
                    tensors.get(name + AdamW.EXP_AVG).getShape(), tensors.get(name + AdamW.EXP_AVG_SQ).getShape());
        }
    }

    /** The parameters that have state, in order. */
    public Set<String> parameterNames() {
        ImmutableSet.Builder<String> names = ImmutableSet.builder();
        tensors.keySet().forEach(key -> names.add(parameterName(key)));
        return names.build();
    }

    private static String parameterName(String key) {
        for (String suffix : new String[] {AdamW.EXP_AVG_SQ, AdamW.EXP_AVG, AdamW.STEP}) {
            if (key.endsWith(suffix) && key.length() > suffix.length()) {
                return key.substring(0, key.length() - suffix.length());
            }
        }
        throw new IllegalArgumentException("optimizer state key '" + key
                + "' must end in .exp_avg, .exp_avg_sq or .step after a parameter name");
    }
}
