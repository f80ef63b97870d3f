package io.dno.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How to sample answers. The paper's defaults (Rosset et al. 2024 §5.1): 5 samples per prompt,
 * temperature 0.7, top-p 0.95.
 *
 * @param n              samples per prompt, {@code >= 1}
 * @param temperature    softmax temperature, {@code >= 0}; 0 means greedy decoding
 * @param topP           nucleus mass in (0, 1]; 1 disables nucleus sampling
 * @param topK           keep the k most likely tokens, {@code >= 0}; 0 disables top-k
 * @param maxNewTokens   most tokens generated per answer, {@code >= 1}
 * @param seed           seed of the sampler's random stream
 */
public record SamplingParams(int n, double temperature, double topP, int topK, int maxNewTokens, long seed) {

    public static final SamplingParams PAPER = new SamplingParams(5, 0.7, 0.95, 0, 256, 0L);

    public SamplingParams {
        checkArgument(n >= 1, "n (samples per prompt) must be >= 1, got %s", n);
        checkArgument(Double.isFinite(temperature) && temperature >= 0, "temperature must be >= 0, got %s", temperature);
        checkArgument(topP > 0 && topP <= 1, "topP must be in (0, 1], got %s", topP);
        checkArgument(topK >= 0, "topK must be >= 0 (0 = off), got %s", topK);
        checkArgument(maxNewTokens >= 1, "maxNewTokens must be >= 1, got %s", maxNewTokens);
    }

    public SamplingParams withN(int samples) {
        return new SamplingParams(samples, temperature, topP, topK, maxNewTokens, seed);
    }

    public SamplingParams withTemperature(double t) {
        return new SamplingParams(n, t, topP, topK, maxNewTokens, seed);
    }

    public SamplingParams withTopP(double p) {
        return new SamplingParams(n, temperature, p, topK, maxNewTokens, seed);
    }

    public SamplingParams withTopK(int k) {
        return new SamplingParams(n, temperature, topP, k, maxNewTokens, seed);
    }

    public SamplingParams withMaxNewTokens(int tokens) {
        return new SamplingParams(n, temperature, topP, topK, tokens, seed);
    }

    public SamplingParams withSeed(long s) {
        return new SamplingParams(n, temperature, topP, topK, maxNewTokens, s);
    }

    /** Greedy decoding of one answer. */
    public static SamplingParams greedy(int maxNewTokens) {
        return new SamplingParams(1, 0, 1, 0, maxNewTokens, 0L);
    }
}
