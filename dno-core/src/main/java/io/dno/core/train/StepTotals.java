package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * What the whole optimiser step holds when the {@link Trainer} splits it into micro-batches (gradient
 * accumulation): its number of examples and the response tokens of their chosen sides (the demonstration for
 * SFT). A token-averaged loss divides its micro-batch's token sum by {@link #chosenTokensFor(long)} instead of the
 * micro-batch's own token count, so that the trainer's example-weighted sum over micro-batches equals the token
 * mean of the whole step exactly (the fix HF Transformers made with {@code num_items_in_batch}).
 *
 * @param examples     examples in the step, >= 1
 * @param chosenTokens response tokens of their chosen sides, >= 1
 */
public record StepTotals(long examples, long chosenTokens) {

    public StepTotals {
        checkArgument(examples >= 1, "a step holds at least one example, got %s", examples);
        checkArgument(chosenTokens >= 1, "a step holds at least one response token, got %s", chosenTokens);
    }

    /**
     * The token count a micro-batch of {@code microExamples} divides by: {@code chosenTokens · microExamples /
     * examples}. The trainer weighs the micro-batch's loss by {@code microExamples / examples}, so the micro-batch
     * contributes {@code Σ_micro tokens' NLL / chosenTokens}: its exact share of the step's token mean.
     */
    public double chosenTokensFor(long microExamples) {
        checkArgument(microExamples >= 1 && microExamples <= examples, "a micro-batch of %s examples in a step of %s",
                microExamples, examples);
        return (double) chosenTokens * microExamples / examples;
    }
}
