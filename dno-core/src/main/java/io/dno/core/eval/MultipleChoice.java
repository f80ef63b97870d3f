package io.dno.core.eval;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * lm-evaluation-harness's multiple-choice protocol ({@code output_type: multiple_choice}): each choice c is scored
 * as the continuation {@code delimiter + c} of the context (the harness's {@code target_delimiter}, a space by
 * default); {@code acc} is whether the highest summed log-likelihood is the gold choice, {@code acc_norm} whether the
 * highest log-likelihood divided by the choice's length in characters (without the delimiter) is. Ties go to the
 * first choice ({@code np.argmax}).
 */
public final class MultipleChoice {
    /** The harness's default {@code target_delimiter}. */
    public static final String DEFAULT_DELIMITER = " ";

    private MultipleChoice() {}

    /**
     * One item's outcome.
     *
     * @param logLikelihoods summed log-likelihood of each choice
     * @param predicted      argmax of the log-likelihoods
     * @param predictedNorm  argmax of the length-normalised log-likelihoods
     */
    public record ItemScore(double[] logLikelihoods, int predicted, int predictedNorm, int gold) {
        public boolean correct() {
            return predicted == gold;
        }

        public boolean correctNorm() {
            return predictedNorm == gold;
        }
    }

    /** The metrics over a file. */
    public record Result(int items, double acc, double accNorm, List<ItemScore> scores) {}

    /** Scores every item (all choices of all items in one call of {@code model}). */
    public static Result evaluate(List<MultipleChoiceItem> items, Loglikelihood model, String delimiter) {
        checkArgument(!items.isEmpty(), "no items to evaluate");
        List<ContinuationRequest> requests = new ArrayList<>();
        for (MultipleChoiceItem item : items) {
            item.choices().forEach(c -> requests.add(new ContinuationRequest(item.context(), delimiter + c)));
        }
        double[] all = model.logLikelihoods(requests);
        checkArgument(all.length == requests.size(), "the model scored %s of %s requests", all.length, requests.size());
        List<ItemScore> scores = new ArrayList<>();
        int at = 0;
        for (MultipleChoiceItem item : items) {
            double[] ll = java.util.Arrays.copyOfRange(all, at, at + item.choices().size());
            at += ll.length;
            scores.add(score(item, ll));
        }
        double acc = scores.stream().filter(ItemScore::correct).count() / (double) scores.size();
        double accNorm = scores.stream().filter(ItemScore::correctNorm).count() / (double) scores.size();
        return new Result(items.size(), acc, accNorm, List.copyOf(scores));
    }

    /** One item's predictions from its choices' log-likelihoods. */
    public static ItemScore score(MultipleChoiceItem item, double[] logLikelihoods) {
        checkArgument(logLikelihoods.length == item.choices().size(), "%s log-likelihoods for %s choices",
                logLikelihoods.length, item.choices().size());
        int best = 0;
        int bestNorm = 0;
        for (int i = 1; i < logLikelihoods.length; i++) {
            if (logLikelihoods[i] > logLikelihoods[best]) {
                best = i;
            }
            if (logLikelihoods[i] / item.choices().get(i).length()
                    > logLikelihoods[bestNorm] / item.choices().get(bestNorm).length()) {
                bestNorm = i;
            }
        }
        return new ItemScore(logLikelihoods.clone(), best, bestNorm, item.gold());
    }
}
