package io.dno.cli.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.policy.SamplingParams;

/** The {@code sampling} section: how students sample (the paper: temperature 0.7, top-p 0.95). */
public record SamplingConfig(@JsonProperty("temperature") Double temperature,
                             @JsonProperty("top_p") Double topP,
                             @JsonProperty("top_k") Integer topK,
                             @JsonProperty("max_new_tokens") Integer maxNewTokens) {

    /** The sampling parameters; an impossible value is named by its key in the {@code sampling} section. */
    public SamplingParams toParams() {
        SamplingParams p = SamplingParams.PAPER;
        try {
            p = temperature == null ? p : p.withTemperature(temperature);
            p = topP == null ? p : p.withTopP(topP);
            p = topK == null ? p : p.withTopK(topK);
            return maxNewTokens == null ? p : p.withMaxNewTokens(maxNewTokens);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sampling: " + e.getMessage(), e);
        }
    }
}
