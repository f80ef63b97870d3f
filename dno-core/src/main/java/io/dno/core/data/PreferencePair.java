package io.dno.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One training comparison: {@code chosen} is preferred to {@code rejected} as an answer to {@code prompt}.
 *
 * <p>This is the (x, y⁺, y⁻) of the contrastive step of DNO (Rosset et al. 2024, Eq. 13) and of DPO, and the
 * (x, y1, y2, z*) of DNO's regression step (Algorithm 1, Eq. 8), whose soft target
 * z* = σ(r_t(x, y1) − r_t(x, y2)) is {@code target}. A hard pair has target 1; losses of the DPO family ignore the
 * target, {@code Losses.dnoRegression} trains on it.
 *
 * @param prompt    the prompt both sides answer
 * @param chosen    the preferred response (y⁺, Eq. 8's y1)
 * @param rejected  the dispreferred response (y⁻, Eq. 8's y2); never the same text as {@code chosen}
 * @param kind      which sides are compared; must agree with the two origins ({@link PairKind#between})
 * @param margin    the score gap that admitted the pair, {@code >= 0}; 0 where no scores were used (SPIN,
 *                  offline data sets without scores)
 * @param iteration the iteration whose samples produced the pair ({@code >= 0}; 0 for offline data), so
 *                  replayed pairs keep their origin
 * @param target    P(chosen ≻ rejected) as the regression target of Eq. 8, in [0.5, 1] (the chosen side is the
 *                  one at least as likely to win; 0.5 is a tie); 1 for a hard pair. JSON field {@code target};
 *                  pairs files written before it existed read as 1
 */
public record PreferencePair(
        @JsonProperty(required = true) Prompt prompt,
        @JsonProperty(required = true) Response chosen,
        @JsonProperty(required = true) Response rejected,
        @JsonProperty(required = true) PairKind kind,
        @JsonProperty(required = true) double margin,
        @JsonProperty(required = true) int iteration,
        @JsonProperty("target") double target) {

    /** The target of a hard pair: the chosen side always wins (Eq. 13, DPO). */
    public static final double HARD = 1.0;

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
        checkArgument(target >= 0.5 && target <= 1,
                "field 'target' of the pair for prompt '%s' must be in [0.5, 1] (P(chosen > rejected); 1 for a hard "
                        + "pair), got %s: if the rejected side is the likelier winner, swap the sides and use 1 - target",
                prompt.id(), target);
    }

    /** A hard pair (target 1), as every pair was before soft targets existed. */
    public PreferencePair(Prompt prompt, Response chosen, Response rejected, PairKind kind, double margin,
                          int iteration) {
        this(prompt, chosen, rejected, kind, margin, iteration, HARD);
    }

    /** Reads a pair; a missing {@code target} is a hard pair's 1, so older pairs files stay readable. */
    @JsonCreator
    static PreferencePair fromJson(
            @JsonProperty(value = "prompt", required = true) Prompt prompt,
            @JsonProperty(value = "chosen", required = true) Response chosen,
            @JsonProperty(value = "rejected", required = true) Response rejected,
            @JsonProperty(value = "kind", required = true) PairKind kind,
            @JsonProperty(value = "margin", required = true) double margin,
            @JsonProperty(value = "iteration", required = true) int iteration,
            @JsonProperty("target") Double target) {
        return new PreferencePair(prompt, chosen, rejected, kind, margin, iteration, target == null ? HARD : target);
    }

    /** A hard pair whose kind follows from the origins of its sides. */
    public static PreferencePair of(Prompt prompt, Response chosen, Response rejected, double margin, int iteration) {
        return of(prompt, chosen, rejected, margin, iteration, HARD);
    }

    /** A pair with soft target {@code target} whose kind follows from the origins of its sides. */
    public static PreferencePair of(Prompt prompt, Response chosen, Response rejected, double margin, int iteration,
                                    double target) {
        return new PreferencePair(prompt, chosen, rejected, PairKind.between(chosen.origin(), rejected.origin()),
                margin, iteration, target);
    }

    /** The same pair with soft target {@code z}. */
    public PreferencePair withTarget(double z) {
        return new PreferencePair(prompt, chosen, rejected, kind, margin, iteration, z);
    }
}
