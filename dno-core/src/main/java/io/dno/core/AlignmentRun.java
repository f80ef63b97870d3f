package io.dno.core;

import static com.google.common.base.Preconditions.checkState;

import io.dno.core.Alignment.Plan;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Demonstration;
import io.dno.core.data.Origin;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.data.ScoredPrompt;
import io.dno.core.eval.Evaluation;
import io.dno.core.eval.JudgedAnswer;
import io.dno.core.eval.LengthBias;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.Annotation;
import io.dno.core.loop.CandidateSet;
import io.dno.core.loop.IterationStatistics;
import io.dno.core.loop.PolicyWeights;
import io.dno.core.loop.PromptPartitions;
import io.dno.core.loop.RunDirectory;
import io.dno.core.loop.Stage;
import io.dno.core.loop.Tokenization;
import io.dno.core.model.Transformer;
import io.dno.core.pairs.PairBuilders;
import io.dno.core.pairs.PairReplay;
import io.dno.core.seed.Seeds;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.StepMetrics;
import io.dno.core.train.StepMetricsFile;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerCheckpoint;
import io.dno.core.train.TrainerSettings;
import io.dno.core.train.TrainingDivergedException;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Plan} stage by stage (ARCHITECTURE.md, "The flow of one DNO iteration"): every stage writes
 * its artifact atomically and is skipped when the artifact already exists, so the same call resumes a killed
 * run. The model's weights are loaded from a checkpoint only when a stage that runs needs them.
 */
final class AlignmentRun {
    private static final Logger log = LoggerFactory.getLogger(AlignmentRun.class);
    private static final String TIMINGS = "timings.json";
    private static final String TRAIN_LOG = "train.jsonl";
    private static final String TRAIN_STATE = "train-state";
    private static final String DEMONSTRATIONS = "demonstrations.jsonl";
    private static final String ANNOTATOR_COUNTERS = "annotator.json";
    private static final String EVAL_ANSWERS = "eval-answers.jsonl";
    private static final String VALIDATION_ANSWERS = "validation-answers.jsonl";

    private final Plan plan;
    private final RunDirectory dir;
    private final Transformer model;
    private final PolicyWeights weights;
    private Path weightsFrom;

    AlignmentRun(Plan plan) {
        this.plan = plan;
        this.dir = plan.runDirectory();
        this.model = plan.policy().model();
        this.weights = PolicyWeights.of(plan.policy(), plan.adapter());
    }

    AlignmentReport run() {
        prepare();
        List<IterationReport> reports = new ArrayList<>();
        reports.add(initial());
        for (int t = 1; t <= plan.strategy().iterations(); t++) {
            reports.add(iteration(t));
        }
        IterationReport lookahead = plan.strategy() instanceof Strategy.Dno d && d.lookahead() ? lookahead() : null;
        AlignmentReport report = Reports.assemble(plan, reports, lookahead);
        Reports.write(dir, report);
        ensureWeights(lookahead != null ? checkpoint(dir.lookahead()) : checkpoint(dir.iteration(reports.size() - 1)));
        return report;
    }

    // ---------------------------------------------------------------- set-up

    private void prepare() {
        try {
            Files.createDirectories(dir.root());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + dir.root() + ": " + e.getMessage(), e);
        }
        dir.removeStaleTemporaries();
        var manifest = Manifests.of(plan);
        if (dir.exists()) {
            List<String> differences = manifest.differencesFrom(dir.readManifest());
            if (!differences.isEmpty()) {
                throw new IllegalStateException(dir.root() + " holds a run made with other settings; use a new run "
                        + "directory or the same settings:\n  - " + String.join("\n  - ", differences));
            }
            log.info("resuming the run in {}", dir.root());
        } else {
            dir.writeManifest(manifest);
        }
        Path initial = checkpoint(dir.iteration(0));
        if (!Files.exists(initial)) {
            AtomicFiles.writeDirectory(initial, weights::save);
            weightsFrom = initial;
        }
    }

    // ---------------------------------------------------------------- iteration 0: the initial policy

    private IterationReport initial() {
        Path step = dir.iteration(0);
        Map<String, Double> timings = Timings.read(step.resolve(TIMINGS));
        stage("iter-0", step, Stage.EVALUATE, timings, () -> evaluate(step, checkpoint(step)));
        return statistics("iter-0", step, () -> new IterationReport("iter-0", 0,
                readEvaluation(step), readValidation(step), null, Map.of(), null, Map.of(), judgeBias(step,
                Map.of()), timings));
    }

    // ---------------------------------------------------------------- iterations 1..T

    private IterationReport iteration(int t) {
        String name = "iter-" + t;
        Path step = dir.iteration(t);
        Map<String, Double> timings = Timings.read(step.resolve(TIMINGS));
        Path previous = checkpoint(dir.iteration(t - 1));
        Strategy strategy = plan.strategy();
        if (strategy instanceof Strategy.Sft sft) {
            if (t == 1) {
                if (sft.onPositives()) {
                    stage(name, step, Stage.SAMPLE, timings, () -> sampleTeacherOnly(step));
                    stage(name, step, Stage.ANNOTATE, timings, () -> annotate(step));
                }
                demonstrationStage(name, step, sft, timings);
            }
            stage(name, step, Stage.TRAIN, timings, () -> trainDemonstrations(name, t, step, previous));
        } else if (strategy instanceof Strategy.Dpo dpo) {
            if (t == 1) {
                stage(name, step, Stage.PAIR, timings, () -> offlinePairs(step, dpo));
                stage(name, step, Stage.REFERENCE, timings, () -> reference(step, previous));
            }
            stage(name, step, Stage.TRAIN, timings, () -> trainOfflinePairs(name, t, step, previous));
        } else {
            int samples = plan.sampling().n();
            boolean annotated = strategy instanceof Strategy.Dno;
            stage(name, step, Stage.SAMPLE, timings, () -> sample(t, step, previous, samples));
            if (annotated) {
                stage(name, step, Stage.ANNOTATE, timings, () -> annotate(step));
            }
            stage(name, step, Stage.PAIR, timings, () -> onPolicyPairs(t, step, annotated));
            stage(name, step, Stage.REFERENCE, timings, () -> reference(step, previous));
            int epochs = strategy instanceof Strategy.Dno d ? d.epochsPerIteration()
                    : ((Strategy.Spin) strategy).epochsPerIteration();
            stage(name, step, Stage.TRAIN, timings, () -> trainOnStepPairs(name, step, previous, settingsFor(t),
                    epochs));
        }
        stage(name, step, Stage.EVALUATE, timings, () -> evaluate(step, checkpoint(step)));
        return statistics(name, step, () -> report(name, t, step, timings));
    }

    // ---------------------------------------------------------------- DNO-Lookahead

    private IterationReport lookahead() {
        String name = "lookahead";
        Path step = dir.lookahead();
        Map<String, Double> timings = Timings.read(step.resolve(TIMINGS));
        Path initial = checkpoint(dir.iteration(0));
        int t = plan.strategy().iterations() + 1;
        stage(name, step, Stage.PAIR, timings, () -> {
            List<PreferencePair> all = new ArrayList<>();
            for (int s = 1; s < t; s++) {
                all.addAll(freshPairs(s));
            }
            Jsonl.write(RunDirectory.artifact(step, Stage.PAIR), shuffled(all, plan.seed() + t));
        });
        stage(name, step, Stage.REFERENCE, timings, () -> reference(step, initial));
        stage(name, step, Stage.TRAIN, timings, () -> trainOnStepPairs(name, step, initial, settingsFor(t), 1));
        stage(name, step, Stage.EVALUATE, timings, () -> evaluate(step, checkpoint(step)));
        return statistics(name, step, () -> report(name, t, step, timings));
    }

    // ---------------------------------------------------------------- stages

    private void sample(int t, Path step, Path weights, int samples) {
        List<Prompt> partition = PromptPartitions.split(plan.prompts(), plan.strategy().iterations(), plan.seed())
                .get(t - 1);
        ensureWeights(weights);
        List<List<Response>> students = plan.policy().generate(partition,
                plan.sampling().withN(samples).withSeed(mix(plan.seed(), t)));
        List<Response> gold = teacherAnswers(partition);
        List<CandidateSet> sets = new ArrayList<>();
        for (int i = 0; i < partition.size(); i++) {
            List<Response> candidates = new ArrayList<>(students.get(i));
            candidates.add(gold.get(i));
            sets.add(new CandidateSet(partition.get(i), candidates));
        }
        Jsonl.write(RunDirectory.artifact(step, Stage.SAMPLE), sets);
    }

    private void sampleTeacherOnly(Path step) {
        List<Response> gold = teacherAnswers(plan.prompts());
        List<CandidateSet> sets = new ArrayList<>();
        for (int i = 0; i < gold.size(); i++) {
            sets.add(new CandidateSet(plan.prompts().get(i), List.of(gold.get(i))));
        }
        Jsonl.write(RunDirectory.artifact(step, Stage.SAMPLE), sets);
    }

    private List<Response> teacherAnswers(List<Prompt> prompts) {
        List<Response> gold = plan.teacher().answer(prompts);
        checkState(gold != null && gold.size() == prompts.size(), "the teacher answered %s of %s prompts",
                gold == null ? 0 : gold.size(), prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            Response r = gold.get(i);
            checkState(r.promptId().equals(prompts.get(i).id()) && r.origin() == Origin.TEACHER,
                    "the teacher's answer %s must answer prompt '%s' with origin teacher, got prompt '%s', origin %s",
                    i, prompts.get(i).id(), r.promptId(), r.origin());
        }
        return gold;
    }

    private void annotate(Path step) {
        List<CandidateSet> sets = Jsonl.read(RunDirectory.artifact(step, Stage.SAMPLE), CandidateSet.class);
        Map<String, Double> before = plan.annotator().counters();
        Annotation.run(plan.annotator(), sets, step.resolve("annotations.journal.jsonl"),
                RunDirectory.artifact(step, Stage.ANNOTATE), plan.annotationThreads());
        Map<String, Double> delta = Counters.difference(plan.annotator().counters(), before);
        Json.write(step.resolve(ANNOTATOR_COUNTERS), delta);
    }

    private void demonstrationStage(String name, Path step, Strategy.Sft sft, Map<String, Double> timings) {
        Path file = step.resolve(DEMONSTRATIONS);
        if (Files.exists(file)) {
            return;
        }
        List<Demonstration> demos;
        if (sft.onPositives()) {
            var selector = PairBuilders.positives(sft.positiveMinScore(), PairBuilders.repeatedNgrams());
            demos = readJudgements(step).stream().flatMap(j -> selector.select(j.toScoredPrompt()).stream()).toList();
        } else {
            demos = plan.demonstrations();
        }
        checkState(!demos.isEmpty(), "no demonstration to train on: no teacher answer scored >= %s",
                sft.positiveMinScore());
        Jsonl.write(file, demos);
        log.info("{}: {} demonstrations", name, demos.size());
    }

    private void offlinePairs(Path step, Strategy.Dpo dpo) {
        List<PreferencePair> kept = plan.pairs().stream()
                .filter(p -> dpo.minMargin().isEmpty() || p.margin() >= dpo.minMargin().getAsDouble()).toList();
        Jsonl.write(RunDirectory.artifact(step, Stage.PAIR), kept);
    }

    private void onPolicyPairs(int t, Path step, boolean annotated) {
        List<ScoredPrompt> scored = annotated
                ? readJudgements(step).stream().map(Judgement::toScoredPrompt).toList()
                : Jsonl.read(RunDirectory.artifact(step, Stage.SAMPLE), CandidateSet.class).stream()
                        .map(s -> new ScoredPrompt(s.prompt(), s.candidates().stream().map(r -> Scored.of(r, 0))
                                .toList())).toList();
        List<PreferencePair> fresh = new ArrayList<>();
        for (ScoredPrompt sp : scored) {
            fresh.addAll(plan.pairBuilder().build(sp.prompt(), sp.candidates(), t));
        }
        PairReplay replay = plan.strategy() instanceof Strategy.Dno d ? d.replay() : PairReplay.NONE;
        Map<Integer, List<PreferencePair>> earlier = new LinkedHashMap<>();
        for (int s = 1; s < t; s++) {
            earlier.put(s, freshPairs(s));
        }
        Jsonl.write(RunDirectory.artifact(step, Stage.PAIR), replay.mix(t, fresh, earlier, plan.seed()));
    }

    private void reference(Path step, Path weights) {
        List<PreferencePair> pairs = readPairs(step);
        ensureWeights(weights);
        ReferenceLogProbs.compute(model, Tokenization.pairs(plan.policy(), pairs), plan.referenceBatchSize(),
                plan.trainer().padId()).write(RunDirectory.artifact(step, Stage.REFERENCE));
    }

    /** Trains a fresh optimiser from {@code start} on the step's own pairs and reference log-probs. */
    private void trainOnStepPairs(String name, Path step, Path start, TrainerSettings settings, int epochs) {
        List<PreferencePair> pairs = readPairs(step);
        trainPairs(name, step, start, pairs, ReferenceLogProbs.read(RunDirectory.artifact(step, Stage.REFERENCE),
                pairs.size()), settings, epochs, false);
    }

    private void trainOfflinePairs(String name, int t, Path step, Path previous) {
        Path first = dir.iteration(1);
        List<PreferencePair> pairs = readPairs(first);
        ReferenceLogProbs reference = ReferenceLogProbs.read(RunDirectory.artifact(first, Stage.REFERENCE),
                pairs.size());
        trainPairs(name, step, previous, pairs, reference, plan.trainer(), t, t > 1);
    }

    private void trainDemonstrations(String name, int t, Path step, Path previous) {
        List<Demonstration> demos = Jsonl.read(dir.iteration(1).resolve(DEMONSTRATIONS), Demonstration.class);
        var tokenized = Tokenization.demonstrations(plan.policy(), demos);
        train(name, step, previous, plan.trainer(), t > 1,
                trainer -> trainer.trainDemonstrations(tokenized, plan.loss(), t));
    }

    /**
     * Trains on pairs from the weights of {@code start} (or from the training state a killed process saved),
     * for {@code epochs} epochs counted from the trainer's step (so a restored optimiser continues its epoch).
     */
    private void trainPairs(String name, Path step, Path start, List<PreferencePair> pairs,
                            ReferenceLogProbs reference, TrainerSettings settings, int epochs,
                            boolean continueOptimizer) {
        List<TokenizedPair> tokenized = Tokenization.pairs(plan.policy(), pairs);
        if (tokenized.isEmpty()) {
            log.warn("{}: no preference pair to train on; the iterate is the previous one unchanged", name);
            ensureWeights(start);
            saveCheckpoint(step, null);
            Jsonl.write(step.resolve(TRAIN_LOG), List.of());
            return;
        }
        train(name, step, start, settings, continueOptimizer,
                trainer -> trainer.trainPairs(tokenized, reference, plan.loss(), epochs));
    }

    private void train(String name, Path step, Path start, TrainerSettings settings, boolean continueOptimizer,
                       Function<Trainer, List<StepMetrics>> body) {
        Path state = step.resolve(TRAIN_STATE);
        Path trainLog = step.resolve(TRAIN_LOG);
        try (Trainer trainer = new Trainer(model, settings, weights.trainable())) {
            List<StepMetrics> earlier = List.of();
            if (Files.isDirectory(state)) {
                ensureWeights(state);
                try (NDManager scratch = model.manager().newSubManager()) {
                    TrainerCheckpoint saved = TrainerCheckpoint.load(state, scratch);
                    trainer.restore(saved);
                    earlier = Jsonl.read(trainLog, StepMetrics.class).stream()
                            .filter(m -> m.step() <= saved.step()).toList();
                }
                log.info("{}: training resumes at step {}", name, trainer.step());
            } else {
                ensureWeights(start);
                if (continueOptimizer) {
                    try (NDManager scratch = model.manager().newSubManager()) {
                        trainer.restore(TrainerCheckpoint.load(start, scratch));
                    }
                }
            }
            try (StepMetricsFile metrics = new StepMetricsFile(trainLog, Integer.MAX_VALUE, earlier)) {
                trainer.addListener(metrics);
                trainer.addListener(m -> plan.listeners().forEach(l -> l.onTrainingStep(name, m)));
                int every = plan.checkpointEverySteps();
                if (every > 0) {
                    trainer.addListener(m -> {
                        if (m.step() % every == 0) {
                            metrics.flush();
                            saveTrainingState(state, trainer);
                        }
                    });
                }
                weights.training(true);
                try {
                    body.apply(trainer);
                } catch (TrainingDivergedException e) {
                    throw diverged(name, step, start, e);
                } finally {
                    weights.training(false);
                }
            }
            weightsFrom = null;
            saveCheckpoint(step, trainer);
        }
        try {
            AtomicFiles.deleteTree(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the finished training state " + state, e);
        }
    }

    /** The one message of a diverged iteration: where, what is kept, what to do. */
    private IllegalStateException diverged(String name, Path step, Path start, TrainingDivergedException e) {
        return new IllegalStateException(String.format("%s stopped: %s The last good checkpoint %s is kept and no "
                + "%s was written. To go on, lower trainer.learning_rate and run into a new --out directory (`dno "
                + "resume` continues %s only with the settings it started with).", name, e.getMessage(),
                dir.root().relativize(start), dir.root().relativize(checkpoint(step)), dir.root()), e);
    }

    private void saveTrainingState(Path state, Trainer trainer) {
        AtomicFiles.writeDirectory(state, tmp -> {
            weights.save(tmp);
            try (NDManager scratch = model.manager().newSubManager()) {
                trainer.checkpoint(scratch).save(tmp);
            }
        });
    }

    /** Writes the model (and the optimiser state, when given) as the step's checkpoint directory. */
    private void saveCheckpoint(Path step, Trainer trainer) {
        Path target = checkpoint(step);
        AtomicFiles.writeDirectory(target, tmp -> {
            weights.save(tmp);
            if (trainer != null) {
                try (NDManager scratch = model.manager().newSubManager()) {
                    trainer.checkpoint(scratch).save(tmp);
                }
            }
        });
        weightsFrom = target;
    }

    private void evaluate(Path step, Path weights) {
        if (!plan.evaluationPrompts().isEmpty()) {
            judgeAgainstTeacher(step, weights, plan.evaluationPrompts(), EVAL_ANSWERS, "eval");
        }
        if (!plan.validationPrompts().isEmpty()) {
            judgeAgainstTeacher(step, weights, plan.validationPrompts(), VALIDATION_ANSWERS, "validation");
        }
        Evaluation evaluation = plan.evaluationPrompts().isEmpty() ? null
                : Evaluation.of(Jsonl.read(step.resolve(EVAL_ANSWERS), JudgedAnswer.class));
        Evaluation validation = plan.validationPrompts().isEmpty() ? null
                : Evaluation.of(Jsonl.read(step.resolve(VALIDATION_ANSWERS), JudgedAnswer.class));
        Json.write(RunDirectory.artifact(step, Stage.EVALUATE), new EvalFile(evaluation, validation));
    }

    /** {@code eval.json}: the evaluation and the validation of one iterate. */
    record EvalFile(Evaluation evaluation, Evaluation validation) {}

    private void judgeAgainstTeacher(Path step, Path weights, List<Prompt> prompts, String answersFile, String kind) {
        Path answersPath = step.resolve(answersFile);
        if (Files.exists(answersPath)) {
            return;
        }
        Map<String, Response> gold = evaluationTeacher();
        ensureWeights(weights);
        List<List<Response>> answers = plan.policy().generate(prompts, plan.evaluationSampling());
        List<CandidateSet> sets = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            sets.add(new CandidateSet(prompts.get(i), List.of(answers.get(i).get(0), gold.get(prompts.get(i).id()))));
        }
        List<Judgement> judgements = Annotation.run(plan.annotator(), sets, step.resolve(kind + ".journal.jsonl"),
                step.resolve(kind + "-annotations.jsonl"), plan.annotationThreads());
        List<JudgedAnswer> judged = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            Response answer = sets.get(i).candidates().get(0);
            Response teacher = sets.get(i).candidates().get(1);
            judged.add(JudgedAnswer.of(prompts.get(i), answer, teacher, scoreOf(judgements.get(i), answer),
                    scoreOf(judgements.get(i), teacher)));
        }
        Jsonl.write(answersPath, judged);
    }

    private static Double scoreOf(Judgement judgement, Response response) {
        return judgement.scored().stream().filter(s -> s.response().equals(response)).map(Scored::score)
                .findFirst().orElse(null);
    }

    /** The teacher's answers to every held-out prompt, asked once per run and stored. */
    private Map<String, Response> evaluationTeacher() {
        Path file = dir.evaluationTeacher();
        if (!Files.exists(file)) {
            List<Prompt> all = new ArrayList<>(plan.evaluationPrompts());
            all.addAll(plan.validationPrompts());
            Jsonl.write(file, teacherAnswers(all));
        }
        Map<String, Response> out = new LinkedHashMap<>();
        Jsonl.read(file, Response.class).forEach(r -> out.put(r.promptId(), r));
        return out;
    }

    // ---------------------------------------------------------------- statistics and reports

    /** Writes the step's stats.json once, then reads it back, so a resumed run reports exactly what was written. */
    private IterationReport statistics(String name, Path step, java.util.function.Supplier<IterationReport> compute) {
        Path file = RunDirectory.artifact(step, Stage.STATISTICS);
        if (!Files.exists(file)) {
            IterationReport report = compute.get();
            Json.write(file, report);
        }
        IterationReport report = Reports.readIteration(file);
        plan.listeners().forEach(l -> l.onIteration(report));
        log.info("{}: {}", name, Reports.oneLine(report));
        return report;
    }

    private IterationReport report(String name, int t, Path step, Map<String, Double> timings) {
        List<PreferencePair> training = Files.exists(RunDirectory.artifact(step, Stage.PAIR)) ? readPairs(step)
                : List.of();
        Map<String, Integer> counts = new LinkedHashMap<>();
        IterationStatistics statistics = null;
        if (plan.strategy() instanceof Strategy.Sft) {
            counts.put("demonstrations", Jsonl.read(dir.iteration(1).resolve(DEMONSTRATIONS), Demonstration.class)
                    .size());
        } else {
            List<PreferencePair> used = plan.strategy() instanceof Strategy.Dpo ? readPairs(dir.iteration(1))
                    : training;
            if (!(plan.strategy() instanceof Strategy.Dpo)) {           // offline pairs are neither new nor replayed
                long fresh = used.stream().filter(p -> p.iteration() == t).count();
                counts.put("new", (int) fresh);
                counts.put("replayed", used.size() - (int) fresh);
            }
            counts.put("total", used.size());
            if (plan.strategy() instanceof Strategy.Dno && Files.exists(RunDirectory.artifact(step, Stage.ANNOTATE))) {
                statistics = IterationStatistics.compute(t - 1, readJudgements(step).stream()
                        .map(Judgement::toScoredPrompt).toList(), used.stream().filter(p -> p.iteration() == t)
                        .toList());
            }
        }
        Map<String, Double> counters = Files.exists(step.resolve(ANNOTATOR_COUNTERS))
                ? Counters.read(step.resolve(ANNOTATOR_COUNTERS)) : Map.of();
        TrainingSummary summary = TrainingSummary.of(Jsonl.read(step.resolve(TRAIN_LOG), StepMetrics.class));
        return new IterationReport(name, t, readEvaluation(step), readValidation(step), statistics,
                counts, summary, counters, judgeBias(step, counters), timings);
    }

    /** Length–score correlation over every judged candidate of the step; swap agreement from the judge's counters. */
    private static Map<String, Double> judgeBias(Path step, Map<String, Double> counters) {
        List<Scored> scored = new ArrayList<>();
        for (String file : List.of(Stage.ANNOTATE.artifact(), "eval-annotations.jsonl",
                "validation-annotations.jsonl")) {
            if (Files.exists(step.resolve(file))) {
                Jsonl.read(step.resolve(file), Judgement.class).forEach(j -> scored.addAll(j.scored()));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        LengthBias.correlation(scored).ifPresent(r -> out.put("length_score_correlation", r));
        double pairs = counters.getOrDefault("position_swap_pairs", 0.0);
        if (pairs > 0) {
            out.put("position_swap_agreement", counters.getOrDefault("position_swap_agreements", 0.0) / pairs);
        }
        return out;
    }

    private static Evaluation readEvaluation(Path step) {
        return readEvalFile(step).evaluation();
    }

    private static Evaluation readValidation(Path step) {
        return readEvalFile(step).validation();
    }

    private static EvalFile readEvalFile(Path step) {
        try {
            return Json.mapper().treeToValue(Json.readObject(RunDirectory.artifact(step, Stage.EVALUATE), "eval.json"),
                    EvalFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(step + "/eval.json is not valid: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Runs {@code body} unless the stage's artifact exists; records its wall time. */
    private void stage(String name, Path step, Stage stage, Map<String, Double> timings, Runnable body) {
        if (RunDirectory.isComplete(step, stage)) {
            plan.listeners().forEach(l -> l.onStageEnd(name, stage, timings.getOrDefault(stage.label(), 0.0), true));
            return;
        }
        plan.listeners().forEach(l -> l.onStageStart(name, stage));
        long start = System.nanoTime();
        body.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        timings.put(stage.label(), seconds);
        Timings.write(step.resolve(TIMINGS), timings);
        log.info("{}: {} done in {} s", name, stage.label(), String.format("%.1f", seconds));
        plan.listeners().forEach(l -> l.onStageEnd(name, stage, seconds, false));
    }

    private void ensureWeights(Path checkpoint) {
        if (checkpoint.equals(weightsFrom)) {
            return;
        }
        weights.load(checkpoint);
        weightsFrom = checkpoint;
    }

    private List<PreferencePair> freshPairs(int s) {
        return readPairs(dir.iteration(s)).stream().filter(p -> p.iteration() == s).toList();
    }

    private static List<PreferencePair> readPairs(Path step) {
        return Jsonl.read(RunDirectory.artifact(step, Stage.PAIR), PreferencePair.class);
    }

    private static List<Judgement> readJudgements(Path step) {
        return Jsonl.read(RunDirectory.artifact(step, Stage.ANNOTATE), Judgement.class);
    }

    private static Path checkpoint(Path step) {
        return RunDirectory.artifact(step, Stage.TRAIN);
    }

    private TrainerSettings settingsFor(int t) {
        return plan.trainer().withSeed(mix(plan.trainer().seed(), t));
    }

    private static long mix(long seed, int t) {
        return Seeds.mix(seed, t);
    }

    private static List<PreferencePair> shuffled(List<PreferencePair> pairs, long seed) {
        return Seeds.shuffled(pairs, seed);
    }
}
