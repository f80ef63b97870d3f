package io.dno.core.train;


import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.dno.core.model.ChosenRejectedLogProbs;
import io.dno.core.model.LogProbs;
import io.dno.core.model.SequenceLogProbs;
import io.dno.core.model.Transformer;
import io.dno.core.seed.Seeds;
import io.dno.core.tensor.Scalars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link Transformer} with a {@link Loss}: length-grouped mini-batches, gradient accumulation,
 * global-norm clipping, a non-finite guard that stops before a bad update, and {@link AdamW} with PyTorch
 * semantics and the HF Trainer's parameter groups (no weight decay on biases and norm weights,
 * {@link WeightDecayGroups}). Each micro-batch runs in its own sub-manager, closed when it ends, so native
 * memory stays flat.
 *
 * <p>Gradient accumulation is exact: each micro-batch's loss is weighted by its share of the step's examples, and
 * every micro-batch is told the step's totals ({@link StepTotals}) so that token-averaged losses (SFT, the NLL
 * term of RPO) divide by the step's token count; one batch or k micro-batches give the same loss and gradient.
 *
 * <p>Preference pairs: chosen and rejected are scored in one forward pass of 2B sequences; the reference
 * log-probs are given as numbers ({@link ReferenceLogProbs}), never as a second model. Demonstrations: the
 * response tokens' log-probs, prompt masked.
 *
 * <p>The run is a pure function of the settings, the data and the starting weights: a trainer restored
 * from a {@link TrainerCheckpoint} and given the same data continues exactly where it stopped. Randomness inside
 * the forward pass (LoRA dropout) is keyed on (seed, step, micro-batch) through
 * {@link io.dno.core.model.Projection#seedRandomness}, so this holds with dropout too.
 */
public final class Trainer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Trainer.class);
    private static final String LOSS = "loss";

    private final Transformer model;
    private final TrainerSettings settings;
    private final Map<String, NDArray> trainable;
    private final AdamW optimizer;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private long step;

    /** A trainer of the parameters whose names match {@code trainable}; the others are frozen. */
    public Trainer(Transformer model, TrainerSettings settings, Predicate<String> trainable) {
        checkArgument(model != null && settings != null && trainable != null, "model, settings and trainable are required");
        this.model = model;
        this.settings = settings;
        this.trainable = new LinkedHashMap<>();
        model.parameters().forEach((name, p) -> {
            boolean train = trainable.test(name);
            p.setRequiresGradient(train);
            if (train) {
                this.trainable.put(name, p);
            }
        });
        checkArgument(!this.trainable.isEmpty(), "no parameter is trainable: the predicate matched none of %s",
                model.parameters().keySet().stream().limit(10).toList());
        this.optimizer = new AdamW(model.manager(), settings.optimizer(), WeightDecayGroups::decays);
    }

    /** A trainer of every parameter. */
    public Trainer(Transformer model, TrainerSettings settings) {
        this(model, settings, name -> true);
    }

    public Trainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Trains on preference pairs for {@code epochs} epochs, skipping the steps already taken (after a
     * restore), and returns the metrics of the steps it ran.
     */
    public List<StepMetrics> trainPairs(List<TokenizedPair> pairs, ReferenceLogProbs reference, Loss loss,
                                        int epochs) {
        checkArgument(reference.size() == pairs.size(), "%s reference values for %s pairs", reference.size(),
                pairs.size());
        return run(LengthGroupedBatches.lengths(pairs), epochs, (batch, epoch) -> pairStep(pairs, reference, loss,
                batch, epoch));
    }

    /** Supervised fine-tuning on demonstrations (loss on response tokens only), like {@link #trainPairs}. */
    public List<StepMetrics> trainDemonstrations(List<TokenizedDemonstration> demonstrations, Loss loss, int epochs) {
        int[] lengths = demonstrations.stream().mapToInt(TokenizedDemonstration::length).toArray();
        return run(lengths, epochs, (batch, epoch) -> demonstrationStep(demonstrations, loss, batch, epoch));
    }

    /** Optimiser steps taken so far. */
    public long step() {
        return step;
    }

    /** The trained model. */
    public Transformer model() {
        return model;
    }

    /** A checkpoint of the optimiser state and step counter; the model's weights are saved separately. */
    public TrainerCheckpoint checkpoint(NDManager target) {
        return new TrainerCheckpoint(step, optimizer.exportState(target));
    }

    /** Continues from {@code checkpoint}: the model must already hold the weights saved with it. */
    public void restore(TrainerCheckpoint checkpoint) {
        optimizer.restoreState(checkpoint.optimizer());
        step = checkpoint.step();
    }

    /** Writes the optimiser state and step counter as {@code dir/optimizer.safetensors}. */
    public void saveState(Path dir) {
        try (NDManager scratch = model.manager().newSubManager()) {
            checkpoint(scratch).save(dir);
        }
    }

    /** Restores what {@link #saveState} wrote into {@code dir}; the model must already hold the matching weights. */
    public void restoreState(Path dir) {
        try (NDManager scratch = model.manager().newSubManager()) {
            restore(TrainerCheckpoint.load(dir, scratch));
        }
    }

    /** Optimiser steps of one epoch over {@code examples} examples. */
    public long stepsPerEpoch(int examples) {
        return LengthGroupedBatches.count(examples, settings.batchSize());
    }

    @Override
    public void close() {
        optimizer.close();
    }

    @FunctionalInterface
    private interface Step {
        StepMetrics run(int[] batch, int epoch);
    }

    private List<StepMetrics> run(int[] lengths, int epochs, Step stepFunction) {
        checkArgument(epochs >= 1, "epochs must be >= 1, got %s", epochs);
        checkArgument(lengths.length > 0, "nothing to train on: the data set is empty");
        List<StepMetrics> metrics = new ArrayList<>();
        long batchIndex = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int[] batch : LengthGroupedBatches.plan(lengths, settings.batchSize(), settings.seed(), epoch)) {
                if (batchIndex++ < step) {
                    continue;                               // taken before a restore
                }
                StepMetrics m = stepFunction.run(batch, epoch);
                metrics.add(m);
                listeners.forEach(l -> l.onStep(m));
                if (log.isDebugEnabled()) {
                    log.debug("step {} loss {} lr {} grad norm {}", m.step(), m.loss(), m.learningRate(), m.gradNorm());
                }
            }
        }
        return metrics;
    }

    private StepMetrics pairStep(List<TokenizedPair> pairs, ReferenceLogProbs reference, Loss loss, int[] batch,
                                 int epoch) {
        MetricSums sums = new MetricSums();
        long tokens = 0;
        long chosenTokens = 0;
        for (int i : batch) {
            chosenTokens += pairs.get(i).chosen().length;
        }
        Optional<StepTotals> totals = Optional.of(new StepTotals(batch.length, chosenTokens));
        int microIndex = 0;
        for (int[] micro : split(batch, settings.gradientAccumulation())) {
            List<int[]> prompts = new ArrayList<>();
            List<int[]> chosen = new ArrayList<>();
            List<int[]> rejected = new ArrayList<>();
            float[] refChosen = new float[micro.length];
            float[] refRejected = new float[micro.length];
            float[] targets = new float[micro.length];
            for (int k = 0; k < micro.length; k++) {
                TokenizedPair p = pairs.get(micro[k]);
                prompts.add(p.prompt());
                chosen.add(p.chosen());
                rejected.add(p.rejected());
                refChosen[k] = (float) reference.chosen()[micro[k]];
                refRejected[k] = (float) reference.rejected()[micro[k]];
                targets[k] = (float) p.target();
                tokens += 2L * p.prompt().length + p.chosen().length + p.rejected().length;
            }
            double weight = (double) micro.length / batch.length;
            model.projection().seedRandomness(Seeds.mix(settings.seed(), step + 1, microIndex++));
            try (NDManager sm = model.manager().newSubManager();
                 GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ChosenRejectedLogProbs lp = LogProbs.chosenRejected(model, sm, prompts, chosen, rejected,
                        settings.padId());
                PairLogProbs input = new PairLogProbs(lp.policyChosen(), lp.policyRejected(),
                        sm.create(refChosen), sm.create(refRejected), lp.chosenTokens(), lp.rejectedTokens(),
                        Optional.of(sm.create(targets)), totals);                               // each (B)
                backward(gc, loss.compute(input), weight, sums);
            }
        }
        return update(sums, epoch, batch.length, tokens);
    }

    private StepMetrics demonstrationStep(List<TokenizedDemonstration> demos, Loss loss, int[] batch, int epoch) {
        MetricSums sums = new MetricSums();
        long tokens = 0;
        long responseTokens = 0;
        for (int i : batch) {
            responseTokens += demos.get(i).response().length;
        }
        Optional<StepTotals> totals = Optional.of(new StepTotals(batch.length, responseTokens));
        int microIndex = 0;
        for (int[] micro : split(batch, settings.gradientAccumulation())) {
            List<int[]> prompts = new ArrayList<>();
            List<int[]> responses = new ArrayList<>();
            for (int i : micro) {
                prompts.add(demos.get(i).prompt());
                responses.add(demos.get(i).response());
                tokens += demos.get(i).length();
            }
            double weight = (double) micro.length / batch.length;
            model.projection().seedRandomness(Seeds.mix(settings.seed(), step + 1, microIndex++));
            try (NDManager sm = model.manager().newSubManager();
                 GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                SequenceLogProbs lp = LogProbs.sequences(model, sm, prompts, responses, settings.padId());
                NDArray zeros = lp.sums().zerosLike();                                          // (B)
                PairLogProbs input = new PairLogProbs(lp.sums(), lp.sums(), zeros, zeros, lp.tokenCounts(),
                        lp.tokenCounts(), Optional.empty(), totals);
                backward(gc, loss.compute(input), weight, sums);
            }
        }
        return update(sums, epoch, batch.length, tokens);
    }

    /** Back-propagates {@code weight ×} the micro-batch loss (gradients add up) and records its metrics. */
    private static void backward(GradientCollector gc, LossOutput out, double weight, MetricSums sums) {
        gc.backward(Scalars.mul(out.loss(), weight));
        sums.add(LOSS, out.loss().getFloat(), weight);
        out.metrics().forEach((name, value) -> {
            if (!name.equals(LOSS)) {                                   // losses may report themselves too
                sums.add(name, value.getFloat(), weight);
            }
        });
    }

    private StepMetrics update(MetricSums sums, int epoch, int examples, long tokens) {
        long next = step + 1;
        double lr = settings.schedule().at(next - 1);
        double loss = sums.get(LOSS);
        NonFiniteGuard.checkLoss(next, loss, lr);
        // clipping and the update in one native call; a non-finite norm leaves the parameters untouched
        double norm = optimizer.clipAndStep(trainable, lr,
                settings.maxGradNorm() > 0 ? settings.maxGradNorm() : Double.MAX_VALUE);
        NonFiniteGuard.check(next, loss, norm, lr);
        step = next;
        Map<String, Double> metrics = new LinkedHashMap<>(sums.values);
        metrics.remove(LOSS);
        return new StepMetrics(step, epoch, loss, lr, norm, metrics, examples, tokens);
    }

    /** {@code parts} near-equal consecutive slices of {@code batch} (fewer if the batch is smaller). */
    static List<int[]> split(int[] batch, int parts) {
        int n = Math.min(parts, batch.length);
        List<int[]> out = new ArrayList<>(n);
        int start = 0;
        for (int i = 0; i < n; i++) {
            int size = batch.length / n + (i < batch.length % n ? 1 : 0);
            int[] slice = new int[size];
            System.arraycopy(batch, start, slice, 0, size);
            out.add(slice);
            start += size;
        }
        return out;
    }

    /** Weighted sums of scalar metrics over micro-batches. */
    private static final class MetricSums {
        final Map<String, Double> values = new LinkedHashMap<>();

        void add(String name, double value, double weight) {
            values.merge(name, value * weight, Double::sum);
        }

        double get(String name) {
            return values.getOrDefault(name, Double.NaN);
        }
    }
}
