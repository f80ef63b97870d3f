package io.dno.core;

import com.google.common.collect.ImmutableList;
import io.dno.core.annotate.Annotator;
import io.dno.core.data.Demonstration;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.loop.RunDirectory;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.pairs.PairBuilders;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.Teacher;
import io.dno.core.train.Loss;
import io.dno.core.train.LossProvider;
import io.dno.core.train.TrainerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Post-trains a policy with one of the paper's strategies, leaving a run directory that can be inspected,
 * resumed after a crash and rolled back (Rosset et al. 2024, arXiv:2404.03715, Algorithm 2 and §5).
 *
 * <pre>{@code
 * AlignmentReport report = Alignment.builder()
 *         .policy(policy)
 *         .strategy(Strategy.dno())                  // or sft(), sftOnPositives(), dpo(), spin(), dnoRestrictive(), dnoLookahead()
 *         .prompts(prompts).teacher(teacher)
 *         .annotator(annotator)
 *         .evaluationPrompts(heldOut)
 *         .runDirectory(Path.of("runs/dno"))
 *         .build()                                  // validates everything, reports every problem at once
 *         .run();                                   // resumes from the last complete stage if the directory has a run
 * }</pre>
 *
 * The policy is trained in place: after {@link #run()} it holds the last iterate.
 */
public final class Alignment {
    private final Plan plan;

    private Alignment(Plan plan) {
        this.plan = plan;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs (or resumes) the alignment and returns its report; also written to report.md and report.json. */
    public AlignmentReport run() {
        return new AlignmentRun(plan).run();
    }

    /** The resolved composition, for inspection. */
    public Plan plan() {
        return plan;
    }

    /**
     * The resolved composition of a run.
     *
     * @param annotationThreads    judge calls in flight at once
     * @param checkpointEverySteps save the training state every this many optimiser steps, so a kill inside
     *                             training loses at most that many steps (0: only at the end of a stage)
     * @param referenceBatchSize   pairs per forward pass when computing reference log-probs
     * @param adapter              the LoRA adapter to train instead of the whole model, or null
     */
    public record Plan(TransformerPolicy policy, Strategy strategy, List<Prompt> prompts, Teacher teacher,
                       Annotator annotator, PairBuilder pairBuilder, Loss loss, List<Demonstration> demonstrations,
                       List<PreferencePair> pairs, List<Prompt> evaluationPrompts, List<Prompt> validationPrompts,
                       TrainerSettings trainer, SamplingParams sampling, SamplingParams evaluationSampling, long seed,
                       RunDirectory runDirectory, List<RunListener> listeners, int annotationThreads,
                       int checkpointEverySteps, int referenceBatchSize, LoraAdapter adapter) {}

    /** Composes a run; {@link #build()} checks the whole composition and names every problem at once. */
    public static final class Builder {
        private TransformerPolicy policy;
        private Strategy strategy;
        private List<Prompt> prompts = List.of();
        private Teacher teacher;
        private Annotator annotator;
        private PairBuilder pairBuilder;
        private Loss loss;
        private List<Demonstration> demonstrations = List.of();
        private List<PreferencePair> pairs = List.of();
        private List<Prompt> evaluationPrompts = List.of();
        private List<Prompt> validationPrompts = List.of();
        private TrainerSettings trainer;
        private SamplingParams sampling = SamplingParams.PAPER;
        private SamplingParams evaluationSampling;
        private long seed;
        private Path runDirectory;
        private final List<RunListener> listeners = new ArrayList<>();
        private int annotationThreads = 1;
        private int checkpointEverySteps = 200;
        private int referenceBatchSize = 16;
        private LoraAdapter adapter;

        private Builder() {}

        /** The policy to train, in place; its tokenizer tokenizes the training data. */
        public Builder policy(TransformerPolicy p) {
            this.policy = p;
            return this;
        }

        public Builder strategy(Strategy s) {
            this.strategy = s;
            return this;
        }

        /** Training prompts, split into one disjoint partition per iteration (DNO, SPIN, SFT on positives). */
        public Builder prompts(List<Prompt> p) {
            this.prompts = p == null ? null : List.copyOf(p);
            return this;
        }

        public Builder teacher(Teacher t) {
            this.teacher = t;
            return this;
        }

        public Builder annotator(Annotator a) {
            this.annotator = a;
            return this;
        }

        /** Overrides the strategy's pair rules (DNO: PairBuilders.dno(); restrictive; SPIN). */
        public Builder pairBuilder(PairBuilder b) {
            this.pairBuilder = b;
            return this;
        }

        /** The loss; by default DPO with the strategy's β (SFT: the masked NLL), from dno-losses. */
        public Builder loss(Loss l) {
            this.loss = l;
            return this;
        }

        /** Demonstrations for {@link Strategy#sft()}. */
        public Builder demonstrations(List<Demonstration> d) {
            this.demonstrations = d == null ? null : List.copyOf(d);
            return this;
        }

        /** Offline pairs for {@link Strategy#dpo()}. */
        public Builder pairs(List<PreferencePair> p) {
            this.pairs = p == null ? null : List.copyOf(p);
            return this;
        }

        /** Held-out prompts on which every iterate is judged against the teacher. */
        public Builder evaluationPrompts(List<Prompt> p) {
            this.evaluationPrompts = p == null ? null : List.copyOf(p);
            return this;
        }

        /** Held-out prompts on which the best iterate is chosen (Algorithm 2's validation data). */
        public Builder validationPrompts(List<Prompt> p) {
            this.validationPrompts = p == null ? null : List.copyOf(p);
            return this;
        }

        /** Optimiser settings; by default batch 64, lr 5e-5 as printed in the paper, clipping at 1.0. */
        public Builder trainer(TrainerSettings s) {
            this.trainer = s;
            return this;
        }

        /** Student sampling; n is replaced by the strategy's samples per prompt. Default: the paper's. */
        public Builder sampling(SamplingParams s) {
            this.sampling = s;
            return this;
        }

        /** How evaluation answers are decoded; default greedy, as long as training samples. */
        public Builder evaluationSampling(SamplingParams s) {
            this.evaluationSampling = s;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder runDirectory(Path dir) {
            this.runDirectory = dir;
            return this;
        }

        public Builder listener(RunListener l) {
            if (l != null) {
                listeners.add(l);
            }
            return this;
        }

        public Builder annotationThreads(int n) {
            this.annotationThreads = n;
            return this;
        }

        public Builder checkpointEverySteps(int n) {
            this.checkpointEverySteps = n;
            return this;
        }

        /**
         * Trains only this LoRA adapter (attached to the policy's model, over a frozen or 4-bit base); every
         * iterate is saved as a PEFT adapter directory. Under offline DPO the reference is then the base with the
         * starting adapter (B = 0: the base itself), at no extra memory.
         */
        public Builder adapter(LoraAdapter a) {
            this.adapter = a;
            return this;
        }

        public Builder referenceBatchSize(int n) {
            this.referenceBatchSize = n;
            return this;
        }

        /** Validates the composition; throws one {@link InvalidAlignmentException} listing every problem. */
        public Alignment build() {
            List<String> problems = new ArrayList<>();
            require(policy != null, "policy: required (a TransformerPolicy to train)", problems);
            require(strategy != null, "strategy: required, e.g. Strategy.dno()", problems);
            require(runDirectory != null, "runDirectory: required (where the artifacts go)", problems);
            require(prompts != null && demonstrations != null && pairs != null && evaluationPrompts != null
                    && validationPrompts != null, "prompts, demonstrations, pairs and evaluation prompts must not be "
                    + "null (omit them instead)", problems);
            require(sampling != null, "sampling: must not be null", problems);
            require(annotationThreads >= 1, "annotationThreads: must be >= 1, got " + annotationThreads, problems);
            require(checkpointEverySteps >= 0, "checkpointEverySteps: must be >= 0 (0 = only at the end), got "
                    + checkpointEverySteps, problems);
            require(referenceBatchSize >= 1, "referenceBatchSize: must be >= 1, got " + referenceBatchSize, problems);
            if (adapter != null && policy != null) {
                require(adapter.model() == policy.model(), "adapter: it must be attached to the policy's model",
                        problems);
            }
            if (strategy != null && prompts != null && demonstrations != null && pairs != null) {
                checkStrategy(problems);
            }
            if (evaluationPrompts != null && validationPrompts != null
                    && !(evaluationPrompts.isEmpty() && validationPrompts.isEmpty())) {
                require(teacher != null, "teacher: required to evaluate against the teacher's answers", problems);
                require(annotator != null, "annotator: required to judge the evaluation answers", problems);
            }
            if (prompts != null && evaluationPrompts != null && validationPrompts != null) {
                checkDisjoint(problems);
            }
            Loss resolved = resolveLoss(problems);
            if (!problems.isEmpty()) {
                throw new InvalidAlignmentException(problems);
            }
            TrainerSettings settings = trainer != null ? trainer
                    : TrainerSettings.defaults(5e-5, policy.tokenizer().padId());
            int samples = strategy instanceof Strategy.Dno d ? d.samplesPerPrompt()
                    : strategy instanceof Strategy.Spin s ? s.samplesPerPrompt() : sampling.n();
            SamplingParams eval = evaluationSampling != null ? evaluationSampling
                    : SamplingParams.greedy(sampling.maxNewTokens());
            return new Alignment(new Plan(policy, strategy, prompts, teacher, annotator, resolvePairBuilder(), resolved,
                    demonstrations, pairs, evaluationPrompts, validationPrompts, settings, sampling.withN(samples),
                    eval.withN(1), seed, new RunDirectory(runDirectory), ImmutableList.copyOf(listeners),
                    annotationThreads, checkpointEverySteps, referenceBatchSize, adapter));
        }

        private void checkStrategy(List<String> problems) {
            if (strategy instanceof Strategy.Sft s && s.onPositives()) {
                require(!prompts.isEmpty(), "prompts: SFT on positives needs training prompts", problems);
                require(teacher != null, "teacher: SFT on positives trains on the teacher's answers", problems);
                require(annotator != null, "annotator: SFT on positives keeps the answers it scores >= "
                        + s.positiveMinScore(), problems);
            } else if (strategy instanceof Strategy.Sft) {
                require(!demonstrations.isEmpty(),
                        "demonstrations: Strategy.sft() needs demonstrations (or use Strategy.sftOnPositives())",
                        problems);
            } else if (strategy instanceof Strategy.Dpo d) {
                require(!pairs.isEmpty(), "pairs: Strategy.dpo() needs offline preference pairs", problems);
                if (d.minMargin().isPresent() && !pairs.isEmpty()) {
                    require(pairs.stream().anyMatch(p -> p.margin() >= d.minMargin().getAsDouble()),
                            "strategy.min_margin: no pair has a margin >= " + d.minMargin().getAsDouble()
                                    + "; lower it or give pairs with margins", problems);
                }
            } else if (strategy instanceof Strategy.Spin s) {
                require(prompts.size() >= s.iterations(), "prompts: SPIN needs at least one prompt per iteration ("
                        + s.iterations() + "), got " + prompts.size(), problems);
                require(teacher != null, "teacher: SPIN's positives are the teacher's answers", problems);
            } else if (strategy instanceof Strategy.Dno d) {
                require(prompts.size() >= d.iterations(), "prompts: DNO needs at least one prompt per iteration ("
                        + d.iterations() + "), got " + prompts.size(), problems);
                require(teacher != null, "teacher: DNO adds the teacher's answer to every prompt's candidates",
                        problems);
                require(annotator != null, "annotator: DNO scores every candidate", problems);
            }
        }

        private void checkDisjoint(List<String> problems) {
            Set<String> seen = new HashSet<>();
            for (List<Prompt> list : List.of(prompts, evaluationPrompts, validationPrompts)) {
                Set<String> own = new HashSet<>();
                for (Prompt p : list) {
                    if (!own.add(p.id())) {
                        problems.add("prompts: id '" + p.id() + "' appears twice in one list");
                    } else if (!seen.add(p.id())) {
                        problems.add("prompts: id '" + p.id() + "' is in more than one of the training, evaluation "
                                + "and validation sets; held-out prompts must be disjoint from training prompts");
                    }
                }
            }
        }

        private Loss resolveLoss(List<String> problems) {
            if (strategy instanceof Strategy.Sft && loss != null) {
                require(!loss.needsReference(), "loss: SFT needs a supervised loss (e.g. Losses.sft()), got "
                        + loss.name(), problems);
            }
            if (loss != null || strategy == null) {
                return loss;
            }
            var provider = LossProvider.find();
            if (provider.isEmpty()) {
                problems.add("loss: none given and no default on the class path; add dno-losses or pass "
                        + ".loss(Losses.dpo(0.1))");
                return null;
            }
            return strategy instanceof Strategy.Sft ? provider.get().supervised()
                    : provider.get().preference(strategy.beta());
        }

        private PairBuilder resolvePairBuilder() {
            if (pairBuilder != null) {
                return pairBuilder;
            }
            if (strategy instanceof Strategy.Spin) {
                return PairBuilders.spin();
            }
            return strategy instanceof Strategy.Dno d && d.pairs() == Strategy.Dno.Pairs.TEACHER_WINS
                    ? PairBuilders.dnoRestrictive() : PairBuilders.dno();
        }

        private static void require(boolean ok, String problem, List<String> problems) {
            if (!ok) {
                problems.add(problem);
            }
        }
    }
}
