package io.dno.examples.strategies;

import io.dno.annotators.Annotators;
import io.dno.core.Alignment;
import io.dno.core.AlignmentReport;
import io.dno.core.IterationReport;
import io.dno.core.Strategy;
import io.dno.core.annotate.Annotator;
import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.Teacher;
import io.dno.core.toy.ReversalTask;
import io.dno.core.train.TrainerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The examples' world, {@link ReversalTask}: a prompt is three letters of "abcd", the ideal answer is the prompt
 * reversed, the teacher is right on even-numbered prompts and one letter off on the others (strong but imperfect,
 * like the paper's GPT-4-Turbo), and a rule scores an answer from 1 to 6 by how much of the ideal answer it gets
 * right (the additive rubric's spirit: 6 only when exactly right and not longer). Small enough to align in seconds.
 */
public final class ExampleWorld {
    private final ReversalTask task;

    private final int sftEpochs;

    /**
     * {@code trainPrompts} training prompts and {@code evaluationPrompts} held-out ones, drawn under {@code seed};
     * {@link #supervisedPolicy} fine-tunes for {@code sftEpochs} epochs.
     */
    public ExampleWorld(long seed, int trainPrompts, int evaluationPrompts, int sftEpochs) {
        this.task = ReversalTask.draw(seed, trainPrompts, evaluationPrompts);
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
        return task.trainPrompts();
    }

    public List<Prompt> evaluationPrompts() {
        return task.evaluationPrompts();
    }

    /** The ideal answer: the prompt reversed. */
    public static String ideal(Prompt p) {
        return ReversalTask.ideal(p);
    }

    /** The teacher's gold answers, for the training and the held-out prompts. */
    public List<Demonstration> gold() {
        return task.gold();
    }

    public Teacher teacher() {
        return task.teacher();
    }

    /** 1 + the length of the correct prefix, + 2 when exactly right, − 1 when longer than the ideal; 1..6. */
    public static double score(Prompt p, String answer) {
        return ReversalTask.score(p, answer);
    }

    public Annotator annotator() {
        return Annotators.function("reverse-rule", (prompt, response) -> OptionalDouble.of(score(prompt,
                response.text())));
    }

    /** A randomly initialised tiny llama-type policy with a character tokenizer written under {@code dir}. */
    public static TransformerPolicy randomPolicy(Path dir, long seed) {
        return ReversalTask.randomPolicy(dir.resolve("tokenizer"), seed);
    }

    /** A builder with this world's prompts, teacher, annotator and small sampling and training settings. */
    public Alignment.Builder builder(TransformerPolicy policy, Path runDirectory) {
        return Alignment.builder()
                .policy(policy)
                .prompts(task.trainPrompts())
                .evaluationPrompts(task.evaluationPrompts())
                .teacher(teacher())
                .annotator(annotator())
                .sampling(SamplingParams.ancestral(3, 4))
                .trainer(TrainerSettings.defaults(3e-3, policy.tokenizer().padId()).withBatchSize(4))
                .runDirectory(runDirectory);
    }

    /** A policy fine-tuned on the teacher's answers first (the paper's "SFT epoch 1" starting point). */
    public TransformerPolicy supervisedPolicy(Path dir, long seed) {
        TransformerPolicy policy = randomPolicy(dir, seed);
        List<Demonstration> demos = gold().subList(0, task.trainPrompts().size());
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
}
