package io.dno.core;

import io.dno.core.annotate.Annotator;
import io.dno.core.data.Demonstration;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.loop.InProcessEngine;
import io.dno.core.loop.RunDirectory;
import io.dno.core.loop.StageEngine;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.peft.LoraPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.Teacher;
import io.dno.core.policy.TrainablePolicy;
import io.dno.core.schedule.Composition;
import io.dno.core.schedule.Schedule;
import io.dno.core.schedule.Schedules;
import io.dno.core.train.LearningRates;
import io.dno.core.train.Loss;
import io.dno.core.train.LossProvider;
import io.dno.core.train.TrainerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(Alignment.class);

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

    /** Composes a run; {@link #build()} checks the whole composition and names every problem at once. */
    public static final class Builder {
        private TrainablePolicy policy;
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
        private LearningRates learningRates;
        private StageEngine engine = InProcessEngine.INSTANCE;

        private Builder() {}

        /**
         * The policy to train, in place; it tokenizes the training data itself. A
         * {@link io.dno.core.model.TransformerPolicy} trains every weight, a {@link LoraPolicy} only an adapter's.
         */
        public Builder policy(TrainablePolicy p) {
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

        /**
         * The loss. Without one, the strategy's default (DPO with its β; SFT: the masked NLL) comes from the
         * {@link LossProvider} on the class path (dno-losses registers one); the choice is logged and recorded in
         * run.json.
         */
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

        /**
         * Optimiser settings; by default batch 64, lr 5e-5 as printed in the paper, clipping at 1.0. The settings'
         * schedule gives the run's learning rates ({@link LearningRates#from}) unless {@link #learningRates} is set.
         */
        public Builder trainer(TrainerSettings s) {
            this.trainer = s;
            return this;
        }

        /** The learning rate across the run's training stages (warm-up once, shape per stage, decay per iteration). */
        public Builder learningRates(LearningRates rates) {
            this.learningRates = rates;
            return this;
        }

        /** Where SAMPLE, ANNOTATE, REFERENCE and EVALUATE run; this process by default. */
        public Builder engine(StageEngine e) {
            this.engine = e;
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
         * Trains only this LoRA adapter (attached to the {@link TransformerPolicy}'s model, over a frozen or 4-bit
         * base): the same as {@code policy(new LoraPolicy(policy, adapter))}. Every iterate is saved as a PEFT adapter
         * directory; each iteration's reference is the iterate its strategy names, loaded as an adapter (for offline
         * DPO the starting adapter, B = 0: the base itself).
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
            require(policy != null, "policy: required (a TrainablePolicy to train, e.g. a TransformerPolicy)", problems);
            require(strategy != null, "strategy: required, e.g. Strategy.dno()", problems);
            require(runDirectory != null, "runDirectory: required (where the artifacts go)", problems);
            require(prompts != null && demonstrations != null && pairs != null && evaluationPrompts != null
                    && validationPrompts != null, "prompts, demonstrations, pairs and evaluation prompts must not be "
                    + "null (omit them instead)", problems);
            require(sampling != null, "sampling: must not be null", problems);
            require(engine != null, "engine: must not be null (the default runs every stage in this process)",
                    problems);
            require(annotationThreads >= 1, "annotationThreads: must be >= 1, got " + annotationThreads, problems);
            require(checkpointEverySteps >= 0, "checkpointEverySteps: must be >= 0 (0 = only at the end), got "
                    + checkpointEverySteps, problems);
            require(referenceBatchSize >= 1, "referenceBatchSize: must be >= 1, got " + referenceBatchSize, problems);
            TrainablePolicy trained = withAdapter(problems);
            Schedule schedule = strategy == null ? null : Schedules.of(strategy);
            if (schedule != null && prompts != null && demonstrations != null && pairs != null) {
                schedule.check(new Composition(prompts, demonstrations, pairs, teacher != null, annotator != null),
                        problems);
            }
            if (evaluationPrompts != null && validationPrompts != null
                    && !(evaluationPrompts.isEmpty() && validationPrompts.isEmpty())) {
                require(teacher != null, "teacher: required to evaluate against the teacher's answers", problems);
                require(annotator != null, "annotator: required to judge the evaluation answers", problems);
            }
            if (prompts != null && evaluationPrompts != null && validationPrompts != null) {
                checkDisjoint(problems);
            }
            Loss resolved = schedule == null ? loss : resolveLoss(schedule, problems);
            if (!problems.isEmpty()) {
                throw new InvalidAlignmentException(problems);
            }
            TrainerSettings settings = trainer != null ? trainer : TrainerSettings.defaults(5e-5, trained.padId());
            int samples = schedule.samplesPerPrompt() > 0 ? schedule.samplesPerPrompt() : sampling.n();
            SamplingParams eval = evaluationSampling != null ? evaluationSampling
                    : SamplingParams.greedy(sampling.maxNewTokens());
            return new Alignment(new Plan(trained, strategy,
                    new Plan.Data(prompts, demonstrations, pairs, evaluationPrompts, validationPrompts),
                    new Plan.Judging(teacher, annotator, annotationThreads),
                    new Plan.Training(pairBuilder != null ? pairBuilder : schedule.defaultPairBuilder(), resolved,
                            loss == null, settings, learningRates != null ? learningRates
                            : LearningRates.from(settings.schedule()), referenceBatchSize, checkpointEverySteps),
                    new Plan.Sampling(sampling.withN(samples), eval.withN(1)), seed, new RunDirectory(runDirectory),
                    listeners, engine));
        }

        /** The policy, wrapped so that only the adapter trains when one is given. */
        private TrainablePolicy withAdapter(List<String> problems) {
            if (adapter == null || policy == null) {
                return policy;
            }
            if (policy instanceof TransformerPolicy transformer && adapter.model() == transformer.model()) {
                return new LoraPolicy(transformer, adapter);
            }
            problems.add("adapter: it must be attached to the model of the TransformerPolicy given as policy");
            return policy;
        }

        /** The given loss, checked against the strategy, or the strategy's default from the class path. */
        private Loss resolveLoss(Schedule schedule, List<String> problems) {
            if (loss != null) {
                schedule.checkLoss(loss, problems);
                return loss;
            }
            var provider = LossProvider.find();
            if (provider.isEmpty()) {
                problems.add("loss: none given and no default on the class path; add dno-losses or pass "
                        + ".loss(Losses.dpo(0.1))");
                return null;
            }
            Loss chosen = schedule.defaultLoss(provider.get());
            log.info("loss: none given; using the {} strategy's default {} from {}", strategy.name(), chosen.name(),
                    provider.get().getClass().getName());
            return chosen;
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





        private static void require(boolean ok, String problem, List<String> problems) {
            if (!ok) {
                problems.add(problem);
            }
        }
    }
}
