package io.dno.annotators.pairwise;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import java.util.OptionalDouble;

/**
 * The preference function of DNO (Rosset et al. 2024 §3): P(y ≻ y' | x), the probability that {@code first}
 * is preferred to {@code second} as an answer to {@code prompt}, in [0, 1]; empty when it cannot be had.
 */
@FunctionalInterface
public interface PairwisePreference {

    OptionalDouble prefer(Prompt prompt, Response first, Response second);
}
