package io.dno.core.loop;

import io.dno.core.Plan;
import io.dno.core.data.Demonstration;
import io.dno.core.data.PreferencePair;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Jsonl;
import io.dno.core.seed.Seeds;
import io.dno.core.train.LengthGroupedBatches;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.StepMetrics;
import io.dno.core.train.StepMetricsFile;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.TrainerSettings;
import io.dno.core.train.TrainingDivergedException;
import io.dno.core.train.TrainingSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TRAIN: one training stage from the iterate at {@code start} (or from the state a killed process saved) to the
 * step's checkpoint. The session saves its whole state every {@code checkpointEverySteps} steps into
 * {@code train-state/}, so a kill loses at most that many steps, and a resumed stage continues exactly.
 *
 * @see RateSpan for how each stage's learning rate is laid out
 */
public final class TrainingStage {
    private static final Logger log = LoggerFactory.getLogger(TrainingStage.class);

    /**
     * How a stage trains.
     *
     * @param epochs            passes over the data up to the end of this stage (counted from the optimiser's step,
     *                          so an offline stage that continues the optimiser gives its iteration number)
     * @param continueOptimizer take the optimiser state and step from {@code start} (offline epochs)
     * @param span              which steps the learning-rate schedule spans
     */
    public record How(int epochs, boolean continueOptimizer, RateSpan span) {}

    private final RunContext run;

    public TrainingStage(RunContext run) {
        this.run = run;
    }

    /** Trains on the pairs of {@code data}'s step against its stored reference log-probs. */
    public void pairs(StepDirectory step, StepDirectory data, Path start, How how) {
        List<PreferencePair> pairs = PairStage.read(data);
        List<TokenizedPair> tokenized = Tokenization.pairs(run.policy(), pairs);
        if (tokenized.isEmpty()) {
            log.warn("{}: no preference pair to train on; the iterate is the previous one unchanged", step.name());
            run.useWeights(start);
            AtomicFiles.writeDirectory(step.checkpoint(), run.policy()::saveIterate);
            run.weightsAre(step.checkpoint());
            Jsonl.write(step.trainLog(), List.of());
            return;
        }
        ReferenceLogProbs reference = ReferenceLogProbs.read(data.reference(), tokenized.size());
        train(step, start, how, tokenized.size(),
                session -> session.trainPairs(tokenized, reference, run.plan().training().loss(), how.epochs()));
    }

    /** Supervised training on the demonstrations of {@code data}'s step. */
    public void demonstrations(StepDirectory step, StepDirectory data, Path start, How how) {
        var demos = Tokenization.demonstrations(run.policy(), Jsonl.read(data.demonstrations(), Demonstration.class));
        train(step, start, how, demos.size(),
                session -> session.trainDemonstrations(demos, run.plan().training().loss(), how.epochs()));
    }

    private void train(StepDirectory step, Path start, How how, int examples,
                       Function<TrainingSession, List<StepMetrics>> body) {
        Plan.Training training = run.plan().training();
        long seed = how.span() == RateSpan.WHOLE_RUN ? training.trainer().seed()     // one batch order per epoch
                : Seeds.mix(training.trainer().seed(), step.iteration());
        TrainerSettings settings = training.trainer().withSeed(seed).withSchedule(schedule(step, how, examples));
        Path state = step.trainState();
        try (TrainingSession session = run.policy().training(settings)) {
            List<StepMetrics> earlier = List.of();
            if (Files.isDirectory(state)) {
                session.restoreState(state);
                long saved = session.step();
                earlier = Jsonl.read(step.trainLog(), StepMetrics.class).stream().filter(m -> m.step() <= saved)
                        .toList();
                log.info("{}: training resumes at step {}", step.name(), saved);
            } else {
                run.useWeights(start);
                if (how.continueOptimizer()) {
                    session.restoreOptimizer(start);
                }
            }
            run.weightsChanged();
            try (StepMetricsFile metrics = new StepMetricsFile(step.trainLog(), Integer.MAX_VALUE, earlier)) {
                session.addListener(metrics);
                session.addListener(m -> run.plan().listeners().forEach(l -> l.onTrainingStep(step.name(), m)));
                int every = training.checkpointEverySteps();
                if (every > 0) {
                    session.addListener(m -> {
                        if (m.step() % every == 0) {
                            metrics.flush();
                            AtomicFiles.writeDirectory(state, session::saveState);
                        }
                    });
                }
                try {
                    body.apply(session);
                } catch (TrainingDivergedException e) {
                    throw diverged(step, start, e);
                }
            }
            AtomicFiles.writeDirectory(step.checkpoint(), session::saveState);
            run.weightsAre(step.checkpoint());
        }
        try {
            AtomicFiles.deleteTree(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the finished training state " + state, e);
        }
    }

    /** This stage's learning rate from the run's {@link io.dno.core.train.LearningRates}. */
    private io.dno.core.train.StageSchedule schedule(StepDirectory step, How how, int examples) {
        long perEpoch = LengthGroupedBatches.count(examples, run.plan().training().trainer().batchSize());
        var rates = run.plan().training().rates();
        return switch (how.span()) {
            case ITERATION -> rates.stage(step.iteration() - 1, stepsBefore(step.iteration()), perEpoch * how.epochs());
            case WHOLE_RUN -> rates.stage(0, 0, perEpoch * run.plan().strategy().iterations());
            case FRESH -> rates.stage(0, 0, perEpoch * how.epochs());
        };
    }

    /** Optimiser steps the run took in iterations before {@code t}. */
    private long stepsBefore(int t) {
        long steps = 0;
        for (int s = 1; s < t; s++) {
            Path log = run.directory().step(s).trainLog();
            if (Files.exists(log)) {
                steps += Jsonl.read(log, StepMetrics.class).size();
            }
        }
        return steps;
    }

    /** The one message of a diverged iteration: where, what is kept, what to do. */
    private IllegalStateException diverged(StepDirectory step, Path start, TrainingDivergedException e) {
        Path root = run.directory().root();
        return new IllegalStateException(String.format("%s stopped: %s The last good checkpoint %s is kept and no "
                + "%s was written. To go on, lower trainer.learning_rate and run into a new --out directory (`dno "
                + "resume` continues %s only with the settings it started with).", step.name(), e.getMessage(),
                root.relativize(start), root.relativize(step.checkpoint()), root), e);
    }
}
