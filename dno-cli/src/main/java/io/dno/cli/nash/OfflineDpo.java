package io.dno.cli.nash;

import io.dno.core.annotate.Annotator;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.loop.Tokenization;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.pairs.PairBuilders;
import io.dno.core.pairs.WinRates;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.Trainer;
import io.dno.losses.Losses;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The Bradley-Terry-reward baseline: offline DPO (Rafailov et al. 2023) on the same data. Its pairs are DNO's first
 * iteration's: every two distinct answers among the same K samples of π_0, but each labelled as a preference data set
 * is, by the annotator's head-to-head verdict on the two answers alone (a tie is dropped: a Bradley-Terry label
 * has a winner). The loss is DPO with β = η against the fixed reference π_0, trained for as many epochs as DNO's
 * iterations together, in T rounds so its policy is measured at the same points.
 */
final class OfflineDpo {
    private OfflineDpo() {}

    /** The head-to-head pairs of {@code samples} (per prompt), chosen = the annotator's winner of the two. */
    static List<PreferencePair> pairs(List<Prompt> prompts, List<List<Response>> samples, Annotator annotator) {
        PairBuilder builder = PairBuilders.allPairs(WinRates.fromScale(0, 1));
        List<PreferencePair> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            List<Response> distinct = new ArrayList<>(new LinkedHashSet<>(samples.get(i)));
            for (int a = 0; a < distinct.size(); a++) {
                for (int b = a + 1; b < distinct.size(); b++) {
                    List<Response> two = List.of(distinct.get(a), distinct.get(b));
                    for (PreferencePair p : DnoIterations.trainable(
                            builder.build(prompts.get(i), annotator.judge(prompts.get(i), two).scored(), 0))) {
                        if (p.target() > 0.5) {
                            out.add(p);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** π_0 and the policy after each of T rounds of {@code epochs} epochs, per prompt. */
    static List<double[][]> run(TransformerPolicy policy, List<Prompt> prompts, List<PreferencePair> pairs,
                                NashSettings s) {
        List<double[][]> policies = new ArrayList<>(List.<double[][]>of(NashPolicy.distributions(policy, prompts)));
        List<TokenizedPair> tokenized = Tokenization.pairs(policy, pairs);
        ReferenceLogProbs reference = ReferenceLogProbs.compute(policy.model(), tokenized, 128,
                policy.tokenizer().padId());                                     // π_0, fixed
        try (Trainer trainer = new Trainer(policy.model(), NashPolicy.preferenceSettings(s, policy, s.seed()))) {
            for (int t = 1; t <= s.iterations(); t++) {
                if (!tokenized.isEmpty()) {        // the trainer continues: it skips the steps it has already taken
                    trainer.trainPairs(tokenized, reference, Losses.dpo(s.eta()), s.epochs() * t);
                }
                policies.add(NashPolicy.distributions(policy, prompts));
            }
        }
        return policies;
    }
}
