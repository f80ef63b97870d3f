package io.dno.cli.nash;

import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.loop.Tokenization;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.pairs.PairBuilders;
import io.dno.core.pairs.WinRates;
import io.dno.core.policy.SamplingParams;
import io.dno.core.seed.Seeds;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.Trainer;
import io.dno.losses.Losses;
import java.util.ArrayList;
import java.util.List;

/**
 * DNO as Algorithm 1 of Rosset et al. 2024 states it, driven step by step with the library's pieces: each iteration
 * samples K answers of π_t per prompt ({@link TransformerPolicy#generate}, temperature 1: y ∼ π_t), scores them with
 * the pairwise annotator's win rates (Algorithm 2 line 5's estimate of r_t), pairs every two distinct answers with
 * their soft target σ(r_t(y1) − r_t(y2)) ({@link PairBuilders#allPairs}, Eq. 8's D_t), takes π_t's log-probs as the
 * reference ({@link ReferenceLogProbs}) and trains Eq. 8 ({@link Losses#dnoRegression}) with the {@link Trainer}.
 *
 * <p>Why not the {@code Alignment} builder: its DNO is Algorithm 2 (a teacher answer per prompt, a fresh prompt
 * partition per iteration, replay of earlier pairs, best-iterate selection on validation prompts, a run directory).
 * Algorithm 1 has none of these: μ1 = μ2 = π_t on every prompt, no teacher, no replay, and the answer is the uniform
 * mixture of the iterates. Driving the loop directly keeps exactly Algorithm 1 and nothing else.
 */
final class DnoIterations {
    /** Samples: one token. */
    static final int ANSWER_TOKENS = 1;

    private DnoIterations() {}

    /**
     * What one run of T iterations produced: π_0..π_T per prompt, the pairs of each prompt in iterations 1..T, and
     * iteration 1's samples (of π_0).
     */
    record Outcome(List<double[][]> policies, List<int[]> pairsPerPrompt, List<List<Response>> firstSamples) {

        /** Pairs per iteration 1..T among the prompts {@code from} (inclusive) to {@code to} (exclusive). */
        List<Integer> pairs(int from, int to) {
            return pairsPerPrompt.stream().map(c -> java.util.Arrays.stream(c, from, to).sum()).toList();
        }
    }

    static Outcome run(TransformerPolicy policy, List<Prompt> prompts, Annotator annotator, NashSettings s) {
        PairBuilder builder = PairBuilders.allPairs(WinRates.fromScale(0, 1));
        List<double[][]> policies = new ArrayList<>(List.<double[][]>of(NashPolicy.distributions(policy, prompts)));
        List<int[]> pairCounts = new ArrayList<>();
        List<List<Response>> firstSamples = null;
        for (int t = 1; t <= s.iterations(); t++) {
            List<List<Response>> samples = sample(policy, prompts, s, t);
            if (t == 1) {
                firstSamples = samples;
            }
            List<PreferencePair> pairs = new ArrayList<>();
            int[] counts = new int[prompts.size()];
            for (int i = 0; i < prompts.size(); i++) {
                Judgement judgement = annotator.judge(prompts.get(i), samples.get(i));
                if (!judgement.unannotated().isEmpty()) {
                    throw new IllegalStateException("the game annotator left " + judgement.unannotated().size()
                            + " answers of prompt '" + prompts.get(i).id() + "' unscored");
                }
                List<PreferencePair> mine = trainable(builder.build(prompts.get(i), judgement.scored(), t));
                counts[i] = mine.size();
                pairs.addAll(mine);
            }
            pairCounts.add(counts);
            if (!pairs.isEmpty()) {                 // every sample identical: nothing to regress on, π_{t+1} = π_t
                List<TokenizedPair> tokenized = Tokenization.pairs(policy, pairs);
                ReferenceLogProbs reference = ReferenceLogProbs.compute(policy.model(), tokenized, 128,
                        policy.tokenizer().padId());                             // π_t: the previous iterate
                try (Trainer trainer = new Trainer(policy.model(),
                        NashPolicy.preferenceSettings(s, policy, Seeds.mix(s.seed(), t)))) {
                    trainer.trainPairs(tokenized, reference, Losses.dnoRegression(s.eta()), s.epochs());
                }
            }
            policies.add(NashPolicy.distributions(policy, prompts));
        }
        return new Outcome(policies, pairCounts, firstSamples);
    }

    /**
     * The pairs whose both sides are text. A sampled special token (end-of-sequence, padding) decodes to the empty
     * answer: it is a draw of π_t and an opponent in every win rate (an invalid one, it loses to every move), but it
     * has no token sequence to score, so no pair can train on it.
     */
    static List<PreferencePair> trainable(List<PreferencePair> pairs) {
        return pairs.stream().filter(p -> !p.chosen().text().isEmpty() && !p.rejected().text().isEmpty()).toList();
    }

    /** K samples of π_t per prompt, at temperature 1 (exactly π_t), seeded by (seed, t). */
    static List<List<Response>> sample(TransformerPolicy policy, List<Prompt> prompts, NashSettings s, int t) {
        return policy.generate(prompts, new SamplingParams(s.samples(), 1.0, 1.0, 0, ANSWER_TOKENS,
                Seeds.mix(s.seed(), 1000 + t)));
    }
}
