package io.dno.examples.strategies;

import io.dno.annotators.Annotators;
import io.dno.core.Alignment;
import io.dno.core.AlignmentReport;
import io.dno.core.IterationReport;
import io.dno.core.Strategy;
import io.dno.core.annotate.Annotator;
import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.Teacher;
import io.dno.core.policy.Teachers;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import io.dno.core.train.TrainerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A world small enough to align in seconds: a prompt is a short string of letters, the ideal answer is the string
 * reversed, the teacher is right on even-numbered prompts and one letter off on the others (strong but imperfect,
 * like the paper's GPT-4-Turbo), and a rule scores an answer from 1 to 6 by how much of the ideal answer it gets
 * right (the additive rubric's spirit: 6 only when exactly right and not longer).
 */
public final class ExampleWorld {
    static final List<String> LETTERS = List.of("a", "b", "c", "d");

    private final List<Prompt> train;
    private final List<Prompt> evaluation;

    private final int sftEpochs;

    /**
     * {@code trainPrompts} training prompts and {@code evaluationPrompts} held-out ones, drawn under {@code seed};
     * {@link #supervisedPolicy} fine-tunes for {@code sftEpochs} epochs.
     */
    public ExampleWorld(long seed, int trainPrompts, int evaluationPrompts, int sftEpochs) {
        this.train = prompts("t", trainPrompts, seed);
        this.evaluation = prompts("e", evaluationPrompts, seed + 1);
        this.sftEpochs = sftEpochs;
    }

    /** The examples' world: 24 training and 12 held-out prompts, a 20-epoch SFT initialiser. */
    public static ExampleWorld standard() {
        return new ExampleWorld(7, 24, 12, 20);
    }

    /** A world small enough to run every example in a test: 6 training and 3 held-out prompts. */
    public static ExampleWorld tiny() {
        return new ExampleWorld(7, 6, 3, 2);
    }

    public List<Prompt> trainPrompts() {
        return train;
    }

    public List<Prompt> evaluationPrompts() {
        return evaluation;
    }

    public static String ideal(Prompt p) {
        return new StringBuilder(p.text()).reverse().toString();
    }

    /** The teacher's gold answers, for the training and the held-out prompts. */
    public List<Demonstration> gold() {
        List<Demonstration> out = new ArrayList<>();
        for (List<Prompt> list : List.of(train, evaluation)) {
            for (int i = 0; i < list.size(); i++) {
                String answer = ideal(list.get(i));
                if (i % 2 == 1) {
                    char last = answer.charAt(answer.length() - 1);
                    answer = answer.substring(0, answer.length() - 1) + (last == 'a' ? 'b' : 'a');
                }
                out.add(Demonstration.of(list.get(i), answer));
            }
        }
        return out;
    }

    public Teacher teacher() {
        return Teachers.fromDemonstrations(gold());
    }

    /** 1 + the length of the correct prefix, + 2 when exactly right, − 1 when longer than the ideal; 1..6. */
    public static double score(Prompt p, String answer) {
        String ideal = ideal(p);
        int match = 0;
        while (match < Math.min(ideal.length(), answer.length()) && ideal.charAt(match) == answer.charAt(match)) {
            match++;
        }
        double score = 1 + match + (answer.equals(ideal) ? 2 : 0) - (answer.length() > ideal.length() ? 1 : 0);
        return Math.max(1, Math.min(6, score));
    }

    public Annotator annotator() {
        return Annotators.function("reverse-rule", (prompt, response) -> OptionalDouble.of(score(prompt,
                response.text())));
    }

    /** A randomly initialised tiny llama-type policy with a character tokenizer written under {@code dir}. */
    public static TransformerPolicy randomPolicy(Path dir, long seed) {
        Path tokenizerDir = CharTokenizer.write(dir.resolve("tokenizer"), LETTERS);
        HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir);
        TransformerConfig config = TransformerConfig.llama(tokenizer.vocabSize(), 32, 64, 1, 2, 2, 64);
        return new TransformerPolicy(Transformer.random(config, seed), tokenizer,
                TransformerPolicy.Options.defaults().withTokenizerDir(tokenizerDir));
    }

    /** A builder with this world's prompts, teacher, annotator and small sampling and training settings. */
    public Alignment.Builder builder(TransformerPolicy policy, Path runDirectory) {
        return Alignment.builder()
                .policy(policy)
                .prompts(train)
                .evaluationPrompts(evaluation)
                .teacher(teacher())
                .annotator(annotator())
                .sampling(SamplingParams.ancestral(3, 4))
                .trainer(TrainerSettings.defaults(3e-3, policy.tokenizer().padId()).withBatchSize(4))
                .runDirectory(runDirectory);
    }

    /** A policy fine-tuned on the teacher's answers first (the paper's "SFT epoch 1" starting point). */
    public TransformerPolicy supervisedPolicy(Path dir, long seed) {
        TransformerPolicy policy = randomPolicy(dir, seed);
        List<Demonstration> demos = gold().subList(0, train.size());
        builder(policy, dir.resolve("sft")).strategy(Strategy.sft().withEpochs(sftEpochs)).demonstrations(demos).build()
                .run();
        return policy;
    }

    /** Prints each iterate's win rate and score against the teacher, and where the report is. */
    public static void print(AlignmentReport report) {
        for (IterationReport r : report.steps()) {
            System.out.printf("%-9s win rate vs teacher %.2f (LC %.2f), mean score %.2f%n", r.step(),
                    r.evaluation().winRate(), r.evaluation().lengthControlledWinRate(), r.evaluation().meanScore());
        }
        System.out.println("report: " + Path.of(report.runDirectory()).resolve("report.md"));
    }

    private static List<Prompt> prompts(String prefix, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Prompt> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 3; k++) {
                text.append(LETTERS.get(random.nextInt(LETTERS.size())));
            }
            out.add(Prompt.of(prefix + i, text.toString()));
        }
        return out;
    }
}
