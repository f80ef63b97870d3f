package io.dno.serve;

import java.util.List;

/**
 * The settings that must agree for requests to share one generation batch: the core generator samples every
 * row of a batch with one temperature, top-p, token budget and stop condition.
 *
 * @param maxTokens 0 for a request that only scores (echo with {@code max_tokens} 0)
 */
record SamplingKey(double temperature, double topP, int maxTokens, List<String> stops) {
    SamplingKey {
        stops = List.copyOf(stops);
    }
}
