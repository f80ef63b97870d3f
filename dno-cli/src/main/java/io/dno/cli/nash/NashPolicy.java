package io.dno.cli.nash;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.loop.Tokenization;
import io.dno.core.model.AnswerLogProbs;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import io.dno.core.tokenize.Tokenizer;
import io.dno.core.train.AdamWSettings;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import io.dno.losses.Losses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy of the Nash check: a tiny llama ({@link TransformerPolicy}) over a character tokenizer whose answer is
 * one token ({@link SingleTokenAnswers}), so π(· | x) is a categorical distribution over the moves (plus whatever
 * mass it puts on any other token, the invalid outcome), read exactly with {@link AnswerLogProbs}.
 */
final class NashPolicy {
    /** AdamW without weight decay: the loss alone decides where the policy goes. */
    static final AdamWSettings OPTIMIZER = new AdamWSettings(0.9, 0.999, 1e-8, 0);
    /** The initialisation's learning rate: fixed, so π_0 does not change with the preference knobs. */
    static final double SFT_LEARNING_RATE = 1e-2;

    private NashPolicy() {}

    /** Writes the character tokenizer of the toy prompt set into {@code dir}. */
    static Path writeTokenizer(Path dir) {
        return CharTokenizer.write(dir, NashPrompts.alphabet());
    }

    /** A randomly initialised policy of the settings' size. */
    static TransformerPolicy random(NashSettings s, Path tokenizerDir) {
        Tokenizer tokenizer = new SingleTokenAnswers(HfTokenizer.load(tokenizerDir));
        TransformerConfig config = TransformerConfig.llama(tokenizer.vocabSize(), s.hiddenSize(), 2 * s.hiddenSize(),
                s.layers(), 2, 2, 32);
        return new TransformerPolicy(Transformer.random(config, s.seed()), tokenizer);
    }

    /** Preference training settings shared by every method: constant learning rate, no weight decay, clipping at 1. */
    static TrainerSettings preferenceSettings(NashSettings s, TransformerPolicy policy, long seed) {
        return TrainerSettings.defaults(s.learningRate(), policy.tokenizer().padId()).withBatchSize(s.batchSize())
                .withOptimizer(OPTIMIZER).withSeed(seed);
    }

    /** The policy saved in {@code dir}. */
    static TransformerPolicy load(Path dir, Path tokenizerDir) {
        return TransformerPolicy.load(dir, new SingleTokenAnswers(HfTokenizer.load(tokenizerDir)),
                TransformerPolicy.Options.defaults());
    }

    /**
     * Supervised initialisation: every prompt gets {@link NashSettings#DEMONSTRATIONS_PER_PROMPT} demonstrations whose
     * moves follow the settings' initial distribution, and SFT ({@link Losses#sft()}) fits π_0 to those frequencies.
     */
    static void initialise(TransformerPolicy policy, List<Prompt> prompts, NashSettings s) {
        List<Demonstration> demos = new ArrayList<>();
        for (Prompt p : prompts) {
            int given = 0;
            for (int m = 0; m < Game.MOVES.size(); m++) {
                int count = m == Game.MOVES.size() - 1 ? NashSettings.DEMONSTRATIONS_PER_PROMPT - given
                        : (int) Math.round(s.initial().get(m) * NashSettings.DEMONSTRATIONS_PER_PROMPT);
                for (int k = 0; k < count; k++) {
                    demos.add(Demonstration.of(p, Game.MOVES.get(m)));
                }
                given += count;
            }
        }
        TrainerSettings settings = TrainerSettings.defaults(SFT_LEARNING_RATE, policy.tokenizer().padId())
                .withBatchSize(64).withOptimizer(OPTIMIZER).withSeed(s.seed());
        try (Trainer trainer = new Trainer(policy.model(), settings)) {
            trainer.trainDemonstrations(Tokenization.demonstrations(policy, demos), Losses.sft(), s.sftEpochs());
        }
    }

    /**
     * π(· | x) for every prompt as an outcome distribution: the probability of each move token, and the rest as the
     * invalid outcome.
     */
    static double[][] distributions(TransformerPolicy policy, List<Prompt> prompts) {
        double[][] logp = AnswerLogProbs.of(policy, prompts, Game.MOVES, 128);
        double[][] out = new double[prompts.size()][Game.MOVES.size() + 1];
        for (int i = 0; i < prompts.size(); i++) {
            double valid = 0;
            for (int m = 0; m < Game.MOVES.size(); m++) {
                out[i][m] = Math.exp(logp[i][m]);
                valid += out[i][m];
            }
            out[i][Game.MOVES.size()] = Math.max(0, 1 - valid);
        }
        return out;
    }
}
