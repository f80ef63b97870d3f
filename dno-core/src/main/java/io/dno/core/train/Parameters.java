package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Freezing and unfreezing parameters by name. A frozen parameter has no gradient ({@code hasGradient() == false}),
 * so backward does not compute one and {@link AdamW} and {@link GradientClipping} skip it.
 *
 * <pre>{@code
 * Parameters.freeze(model, name -> !name.contains("lora_"));   // train only the LoRA adapters
 * }</pre>
 */
public final class Parameters {

    private Parameters() {}

    /** Freezes every parameter whose name matches, and returns their names; at least one must match. */
    public static List<String> freeze(Map<String, NDArray> parameters, Predicate<String> names) {
        return setRequiresGradient(parameters, names, false);
    }

    /** Makes every parameter whose name matches trainable, and returns their names; at least one must match. */
    public static List<String> unfreeze(Map<String, NDArray> parameters, Predicate<String> names) {
        return setRequiresGradient(parameters, names, true);
    }

    /** The parameters that will get a gradient, in order. */
    public static Map<String, NDArray> trainable(Map<String, NDArray> parameters) {
        Map<String, NDArray> trainable = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            if (p.hasGradient()) {
                trainable.put(name, p);
            }
        });
        return trainable;
    }

    /** The number of scalar values in the given parameters. */
    public static long count(Map<String, NDArray> parameters) {
        return parameters.values().stream().mapToLong(NDArray::size).sum();
    }

    private static List<String> setRequiresGradient(Map<String, NDArray> parameters, Predicate<String> names,
                                                    boolean requiresGradient) {
        List<String> matched = parameters.keySet().stream().filter(names).toList();
        checkArgument(!matched.isEmpty(), "no parameter name matches the predicate; the first names are %s",
                parameters.keySet().stream().limit(20).toList());
        matched.forEach(name -> parameters.get(name).setRequiresGradient(requiresGradient));
        return matched;
    }
}
