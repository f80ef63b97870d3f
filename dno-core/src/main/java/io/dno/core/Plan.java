package io.dno.core;

import com.google.common.collect.ImmutableList;
import io.dno.core.annotate.Annotator;
import io.dno.core.data.Demonstration;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.loop.RunDirectory;
import io.dno.core.loop.StageEngine;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.Teacher;
import io.dno.core.policy.TrainablePolicy;
import io.dno.core.train.LearningRates;
import io.dno.core.train.Loss;
import io.dno.core.train.TrainerSettings;
import java.util.List;

/**
 * The resolved composition of a run ({@link Alignment.Builder#build()}): what is trained, on what, judged by whom,
 * and how, grouped by concern.
 *
 * @param policy    the policy trained in place (all weights, or a LoRA adapter's)
 * @param strategy  the method: its schedule of stages per iteration
 * @param data      prompts and offline data
 * @param judging   who answers as teacher and who scores
 * @param training  pair rule, loss, optimiser and learning rates
 * @param sampling  how the policy is sampled for training data and decoded for evaluation
 * @param seed      the run's seed: partitions, sampling, replay and batch order derive from it
 * @param directory where the artifacts go
 * @param listeners progress callbacks
 * @param engine    where SAMPLE, ANNOTATE, REFERENCE and EVALUATE run (this process by default)
 */
public record Plan(TrainablePolicy policy, Strategy strategy, Data data, Judging judging, Training training,
                   Sampling sampling, long seed, RunDirectory directory, List<RunListener> listeners,
                   StageEngine engine) {

    public Plan {
        listeners = ImmutableList.copyOf(listeners);
    }

    /**
     * @param prompts           training prompts, one disjoint partition per iteration (DNO, SPIN, SFT on positives)
     * @param demonstrations    SFT's demonstrations
     * @param pairs             offline DPO's pairs
     * @param evaluationPrompts held-out prompts every iterate is judged on against the teacher
     * @param validationPrompts held-out prompts on which the best iterate is chosen (Algorithm 2)
     */
    public record Data(List<Prompt> prompts, List<Demonstration> demonstrations, List<PreferencePair> pairs,
                       List<Prompt> evaluationPrompts, List<Prompt> validationPrompts) {
        public Data {
            prompts = List.copyOf(prompts);
            demonstrations = List.copyOf(demonstrations);
            pairs = List.copyOf(pairs);
            evaluationPrompts = List.copyOf(evaluationPrompts);
            validationPrompts = List.copyOf(validationPrompts);
        }
    }

    /**
     * @param teacher   answers every prompt once (null when the strategy needs no teacher and nothing is evaluated)
     * @param annotator scores candidates (null when nothing is annotated)
     * @param threads   judge calls in flight at once
     */
    public record Judging(Teacher teacher, Annotator annotator, int threads) {}

    /**
     * @param pairBuilder          the pair rule (the strategy's default unless overridden)
     * @param loss                 the loss
     * @param lossIsDefault        whether the loss is the strategy's default found on the class path (recorded in
     *                             run.json)
     * @param trainer              batch size, accumulation, optimiser, clipping, seed, pad id
     * @param rates                the learning rate across the run's training stages
     * @param referenceBatchSize   pairs per forward pass when computing reference log-probs
     * @param checkpointEverySteps save the training state every this many steps (0: only at a stage's end)
     */
    public record Training(PairBuilder pairBuilder, Loss loss, boolean lossIsDefault, TrainerSettings trainer,
                           LearningRates rates, int referenceBatchSize, int checkpointEverySteps) {}

    /**
     * @param training   student sampling; n is the strategy's samples per prompt
     * @param evaluation how evaluation answers are decoded (greedy by default); n = 1
     */
    public record Sampling(SamplingParams training, SamplingParams evaluation) {}
}
