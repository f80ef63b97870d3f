package io.dno.core.eval;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How often a policy prefers the chosen answer of held-out preference pairs.
 *
 * <ul>
 *   <li>{@code rewardAccuracy}: TRL's {@code rewards/accuracies}, the share of pairs whose implicit DPO reward
 *       (Rafailov et al. 2023, eq. 5) r(x, y) = β (log π(y|x) − log π_ref(y|x)) is strictly higher for the chosen
 *       answer;</li>
 *   <li>{@code logProbAccuracy}: the share with log π(y⁺|x) &gt; log π(y⁻|x), no reference;</li>
 *   <li>{@code meanRewardMargin}: mean of r(x, y⁺) − r(x, y⁻) (TRL's {@code rewards/margins}), and the mean
 *       chosen and rejected rewards.</li>
 * </ul>
 */
public record PairAccuracy(int pairs, double beta, double rewardAccuracy, double logProbAccuracy,
                           double meanRewardMargin, double meanChosenReward, double meanRejectedReward) {

    /**
     * From per-pair summed log-probabilities of the chosen and rejected answers under the policy and the reference.
     */
    public static PairAccuracy of(double[] policyChosen, double[] policyRejected, double[] referenceChosen,
                                  double[] referenceRejected, double beta) {
        int n = policyChosen.length;
        checkArgument(n > 0, "no pairs to evaluate");
        checkArgument(policyRejected.length == n && referenceChosen.length == n && referenceRejected.length == n,
                "every array needs one value per pair (%s)", n);
        checkArgument(beta > 0 && Double.isFinite(beta), "beta must be > 0, got %s", beta);
        int rewardWins = 0;
        int logProbWins = 0;
        double margin = 0;
        double chosen = 0;
        double rejected = 0;
        for (int i = 0; i < n; i++) {
            double rc = beta * (policyChosen[i] - referenceChosen[i]);
            double rr = beta * (policyRejected[i] - referenceRejected[i]);
            rewardWins += rc > rr ? 1 : 0;
            logProbWins += policyChosen[i] > policyRejected[i] ? 1 : 0;
            margin += rc - rr;
            chosen += rc;
            rejected += rr;
        }
        return new PairAccuracy(n, beta, rewardWins / (double) n, logProbWins / (double) n, margin / n, chosen / n,
                rejected / n);
    }
}
