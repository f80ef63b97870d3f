package io.dno.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One training comparison: {@code chosen} is preferred to {@code rejected} as an answer to {@code prompt}.
 *
 * <p>This is the (x, y⁺, y⁻) of the contrastive step of DNO (Rosset et al. 2024, Eq. 13) and of DPO.
 *
 * @param prompt    the prompt both sides answer
 * @param chosen    the preferred response (y⁺)
 * @param rejected  the dispreferred response (y⁻); never the same text as {@code chosen}
 * @param kind      which sides are compared; must agree with the two origins ({@link PairKind#between})
 * @param margin    the score gap that admitted the pair, {@code >= 0}; 0 where no scores were used (SPIN,
 *                  offline data sets without scores)
 * @param iteration the iteration whose samples produced the pair ({@code >= 0}; 0 for offline data), so
 *                  replayed pairs keep their origin
 */
public record PreferencePair(
        @JsonProperty(required = true) Prompt prompt,
        @JsonProperty(required = true) Response chosen,
        @JsonProperty(required = true) Response rejected,
        @JsonProperty(required = true) PairKind kind,
        @JsonProperty(required = true) double margin,
        @JsonProperty(required = true) int iteration) {

    public PreferencePair {
        checkArgument(prompt != null, "field 'prompt' of a preference pair is missing");
        checkArgument(chosen != null, "field 'chosen' of the pair for prompt '%s' is missing", prompt.id());
        checkArgument(rejected != null, "field 'rejected' of the pair for prompt '%s' is missing", prompt.id());
        checkArgument(chosen.promptId().equals(prompt.id()) && rejected.promptId().equals(prompt.id()),
                "the pair for prompt '%s' mixes responses to prompts '%s' and '%s'",
                prompt.id(), chosen.promptId(), rejected.promptId());
        checkArgument(!chosen.text().equals(rejected.text()),
                "the pair for prompt '%s' has identical chosen and rejected texts: a pair must compare two answers",
                prompt.id());
        PairKind expected = PairKind.between(chosen.origin(), rejected.origin());
        checkArgument(kind == expected, "field 'kind' of the pair for prompt '%s' is %s but its sides (%s over %s) make it %s",
                prompt.id(), kind, chosen.origin(), rejected.origin(), expected);
        checkArgument(Double.isFinite(margin) && margin >= 0,
                "field 'margin' of the pair for prompt '%s' must be finite and >= 0, got %s", prompt.id(), margin);
        checkArgument(iteration >= 0, "field 'iteration' of the pair for prompt '%s' must be >= 0, got %s",
                prompt.id(), iteration);
    }

    /** A pair whose kind follows from the origins of its sides. */
    public static PreferencePair of(Prompt prompt, Response chosen, Response rejected, double margin, int iteration) {
        return new PreferencePair(prompt, chosen, rejected, PairKind.between(chosen.origin(), rejected.origin()),
                margin, iteration);
    }
}
