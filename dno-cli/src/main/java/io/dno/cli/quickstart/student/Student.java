package io.dno.cli.quickstart.student;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.IterateLoader;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.Teacher;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import io.dno.core.train.LearningRateSchedule;
import io.dno.core.train.StepMetrics;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import io.dno.core.train.TrainingListener;
import io.dno.cli.quickstart.world.World;
import io.dno.losses.Losses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates and initialises the student: a character tokenizer over the world's alphabet, a randomly
 * initialised llama of the {@link StudentSpec}, and SFT on the teacher's answers to the SFT pool with the
 * library's {@link Trainer} and {@link Losses#sft()} (Rosset et al. 2024 §5.2: every method starts from the
 * same SFT checkpoint).
 */
public final class Student {
    private Student() {}

    /**
     * How another process (an executor of the Spark engine) opens a saved student: the checkpoint with its own
     * tokenizer, reading prompts as the world writes them.
     */
    public record Loader() implements IterateLoader {
        @Override
        public TransformerPolicy open(Path iterate) {
            return TransformerPolicy.load(iterate, HfTokenizer.load(iterate),
                    TransformerPolicy.Options.defaults().withPromptFormat(World.PROMPT_FORMAT));
        }
    }

    /** Writes the world's character tokenizer into {@code dir} and returns {@code dir}. */
    public static Path writeTokenizer(Path dir) {
        return CharTokenizer.write(dir, World.alphabet());
    }

    /** A randomly initialised student that reads prompts as {@code text=} and uses the tokenizer in {@code tokenizerDir}. */
    public static TransformerPolicy random(StudentSpec spec, Path tokenizerDir, long seed) {
        HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir);
        Transformer model = Transformer.random(spec.config(tokenizer.vocabSize()), seed);
        TransformerPolicy.Options options = TransformerPolicy.Options.defaults()
                .withPromptFormat(World.PROMPT_FORMAT).withTokenizerDir(tokenizerDir);
        try {
            return new TransformerPolicy(model, tokenizer, options);
        } catch (RuntimeException e) {
            model.close();
            tokenizer.close();
            throw e;
        }
    }

    /** The teacher's answers to {@code prompts} as demonstrations. */
    public static List<Demonstration> demonstrations(Teacher teacher, List<Prompt> prompts) {
        List<Response> answers = teacher.answer(prompts);
        List<Demonstration> out = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            out.add(Demonstration.of(prompts.get(i), answers.get(i).text()));
        }
        return out;
    }

    /** The demonstrations as the policy's token ids (prompt as the model sees it; response with EOS). */
    public static List<TokenizedDemonstration> tokenize(TransformerPolicy policy, List<Demonstration> demonstrations) {
        List<TokenizedDemonstration> out = new ArrayList<>(demonstrations.size());
        for (Demonstration d : demonstrations) {
            out.add(new TokenizedDemonstration(policy.promptIds(d.prompt().text()), policy.responseIds(d.response())));
        }
        return out;
    }

    /**
     * Trains {@code policy} in place on {@code demonstrations} for the spec's epochs, with a warm-up and cosine
     * schedule, and returns the step metrics.
     */
    public static List<StepMetrics> sft(TransformerPolicy policy, List<Demonstration> demonstrations, StudentSpec spec,
                                        long seed) {
        return sft(policy, demonstrations, spec, seed, m -> { });
    }

    /** As {@link #sft(TransformerPolicy, List, StudentSpec, long)}, telling {@code listener} of every step. */
    public static List<StepMetrics> sft(TransformerPolicy policy, List<Demonstration> demonstrations, StudentSpec spec,
                                        long seed, TrainingListener listener) {
        return sft(policy, demonstrations, spec, seed, listener, false);
    }

    /**
     * As above, with batches grouped by length or not. Not grouped is the quickstart's choice: grouped batches hold
     * one family (and answer form) each and the student learns much more slowly ({@code QuickstartSizing}
     * measures both; RESULTS.md).
     */
    public static List<StepMetrics> sft(TransformerPolicy policy, List<Demonstration> demonstrations, StudentSpec spec,
                                        long seed, TrainingListener listener, boolean groupByLength) {
        List<TokenizedDemonstration> data = tokenize(policy, demonstrations);
        long steps = sftSteps(spec, data.size());
        TrainerSettings settings = TrainerSettings.defaults(spec.sftLearningRate(), policy.tokenizer().padId())
                .withBatchSize(spec.sftBatchSize())
                .withGroupByLength(groupByLength)
                .withSchedule(LearningRateSchedule.cosine(spec.sftLearningRate(), spec.sftLearningRate() / 10,
                        steps > 1 ? Math.max(1, steps / 20) : 0, steps))        // one step leaves no room to warm up
                .withSeed(seed);
        try (Trainer trainer = new Trainer(policy.model(), settings)) {
            return trainer.addListener(listener).trainDemonstrations(data, Losses.sft(), spec.sftEpochs());
        }
    }

    /** The optimiser steps of the SFT initialisation on {@code demonstrations} demonstrations. */
    public static long sftSteps(StudentSpec spec, int demonstrations) {
        return (long) spec.sftEpochs() * ((demonstrations + spec.sftBatchSize() - 1) / spec.sftBatchSize());
    }

    /** Greedy answers of {@code policy} to {@code prompts}, one text per prompt. */
    public static List<String> greedyAnswers(TransformerPolicy policy, List<Prompt> prompts, StudentSpec spec) {
        List<List<Response>> out = policy.generate(prompts, SamplingParams.greedy(spec.maxNewTokens()));
        return out.stream().map(r -> r.get(0).text()).toList();
    }
}
