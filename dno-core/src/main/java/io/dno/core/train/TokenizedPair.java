package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One preference pair as token ids, ready for a forward pass: prompt, chosen and rejected response.
 * Arrays are not copied: do not modify them after construction.
 *
 * @param prompt   prompt ids, at least one (the first response token is predicted from the last prompt token)
 * @param chosen   ids of the preferred response y⁺
 * @param rejected ids of the dispreferred response y⁻
 * @param target   soft target P(y⁺ ≻ y⁻) in [0, 1] for DNO's Eq. 8; 1 for a hard pair
 */
public record TokenizedPair(int[] prompt, int[] chosen, int[] rejected, double target) {

    public TokenizedPair {
        checkArgument(prompt != null && prompt.length >= 1, "a pair needs at least one prompt token");
        checkArgument(chosen != null && chosen.length >= 1, "the chosen response needs at least one token");
        checkArgument(rejected != null && rejected.length >= 1, "the rejected response needs at least one token");
        checkArgument(target >= 0 && target <= 1, "target must be in [0, 1], got %s", target);
    }

    public static TokenizedPair of(int[] prompt, int[] chosen, int[] rejected) {
        return new TokenizedPair(prompt, chosen, rejected, 1.0);
    }

    /** Tokens of the longer of the two sequences: what the pair costs in a padded batch. */
    int length() {
        return prompt.length + Math.max(chosen.length, rejected.length);
    }
}
