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

    /**
     * {@code n} answers drawn from the model's own distribution: temperature 1, no nucleus or top-k cut (the
     * sampling that shows what a policy actually puts mass on).
     */
    public static SamplingParams ancestral(int n, int maxNewTokens) {
        return new SamplingParams(n, 1.0, 1.0, 0, maxNewTokens, 0L);
    }

    /** A builder starting from the paper's settings ({@link #PAPER}). */
    public static Builder builder() {
        return new Builder(PAPER);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Named settings instead of six positional numbers; {@link #build()} validates them. */
    public static final class Builder {
        private int n;
        private double temperature;
        private double topP;
        private int topK;
        private int maxNewTokens;
        private long seed;

        private Builder(SamplingParams from) {
            this.n = from.n;
            this.temperature = from.temperature;
            this.topP = from.topP;
            this.topK = from.topK;
            this.maxNewTokens = from.maxNewTokens;
            this.seed = from.seed;
        }

        public Builder samplesPerPrompt(int samples) {
            this.n = samples;
            return this;
        }

        public Builder temperature(double t) {
            this.temperature = t;
            return this;
        }

        public Builder topP(double p) {
            this.topP = p;
            return this;
        }

        public Builder topK(int k) {
            this.topK = k;
            return this;
        }

        public Builder maxNewTokens(int tokens) {
            this.maxNewTokens = tokens;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public SamplingParams build() {
            return new SamplingParams(n, temperature, topP, topK, maxNewTokens, seed);
        }
    }
}
