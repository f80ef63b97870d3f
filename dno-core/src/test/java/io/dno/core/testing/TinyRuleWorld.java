package io.dno.core.testing;

import io.dno.core.Alignment;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.Teacher;
import io.dno.core.toy.ReversalTask;
import io.dno.core.train.LearningRateSchedule;
import io.dno.core.train.TrainerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A world small enough to align in seconds, for the loop's end-to-end tests: {@link ReversalTask} (a prompt is three
 * letters of "abcd", the ideal answer is the prompt reversed, the teacher is right on even-indexed prompts and one
 * letter off on the others, and a rule scores an answer 1..6 by its correct prefix, +2 when exactly right, −1 when
 * longer). The judge counts its calls and the candidates it saw.
 */
public final class TinyRuleWorld {
    private final ReversalTask task;
    public final AtomicInteger judgeCalls = new AtomicInteger();
    public final AtomicInteger judgedCandidates = new AtomicInteger();

    /** {@code trainPrompts} training and {@code evaluationPrompts} held-out prompts drawn under {@code seed}. */
    public TinyRuleWorld(long seed, int trainPrompts, int evaluationPrompts) {
        this.task = ReversalTask.draw(seed, trainPrompts, evaluationPrompts);
    }

    /** 12 training and 6 held-out prompts. */
    public static TinyRuleWorld standard() {
        return new TinyRuleWorld(1, 12, 6);
    }

    public List<Prompt> trainPrompts() {
        return task.trainPrompts();
    }

    public List<Prompt> evaluationPrompts() {
        return task.evaluationPrompts();
    }

    /** The teacher's answers to the training and the held-out prompts. */
    public List<Demonstration> gold() {
        return task.gold();
    }

    public Teacher teacher() {
        return task.teacher();
    }

    /** The rule as a listwise judge that counts its calls. */
    public Annotator annotator() {
        return new Annotator() {
            @Override
            public Judgement judge(Prompt prompt, List<Response> candidates) {
                judgeCalls.incrementAndGet();
                judgedCandidates.addAndGet(candidates.size());
                return Judgement.complete(prompt, candidates.stream().map(r -> Scored.of(r, ReversalTask.score(prompt,
                        r.text()))).toList());
            }

            @Override
            public String name() {
                return "reverse-rule";
            }

            @Override
            public Map<String, Double> counters() {
                return Map.of("requests", (double) judgeCalls.get());
            }
        };
    }

    /** A randomly initialised tiny llama-type policy with a character tokenizer written under {@code dir}. */
    public static TransformerPolicy randomPolicy(Path dir, long seed) {
        return ReversalTask.randomPolicy(dir.resolve("tokenizer-" + seed), seed);
    }

    /** A builder with this world's prompts, teacher, judge, 3 samples of 4 tokens, batch 4 at lr 1e-2. */
    public Alignment.Builder builder(TransformerPolicy policy, Path runDirectory) {
        return Alignment.builder()
                .policy(policy)
                .prompts(task.trainPrompts())
                .evaluationPrompts(task.evaluationPrompts())
                .teacher(teacher())
                .annotator(annotator())
                .sampling(SamplingParams.ancestral(3, 4))
                .trainer(TrainerSettings.defaults(1e-2, policy.tokenizer().padId()).withBatchSize(4)
                        .withSchedule(LearningRateSchedule.constant(1e-2)))
                .seed(7)
                .runDirectory(runDirectory);
    }
}
