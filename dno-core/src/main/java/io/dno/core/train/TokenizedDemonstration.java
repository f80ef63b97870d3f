package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A demonstration as token ids for supervised fine-tuning: the loss covers the response tokens only.
 * Arrays are not copied: do not modify them after construction.
 *
 * @param prompt   prompt ids, at least one
 * @param response response ids to imitate, at least one (an end-of-sequence id, typically)
 */
public record TokenizedDemonstration(int[] prompt, int[] response) {

    public TokenizedDemonstration {
        checkArgument(prompt != null && prompt.length >= 1, "a demonstration needs at least one prompt token");
        checkArgument(response != null && response.length >= 1, "a demonstration needs at least one response token");
    }

    int length() {
        return prompt.length + response.length;
    }

    /** As a pair whose two sides are the same response, so SFT runs through the same step as DPO. */
    TokenizedPair asPair() {
        return TokenizedPair.of(prompt, response, response);
    }
}
