package io.dno.cli.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.train.AdamWSettings;
import io.dno.core.train.LearningRates;
import io.dno.core.train.TrainerSettings;

/**
 * The {@code trainer} section. Defaults: learning rate 5e-5 (as printed in the paper), batch 64, clipping 1.0,
 * constant rate, no warm-up, weight decay as the optimiser's default.
 *
 * <p>A run trains in several stages (one per iteration): warm-up happens once, over the run's first
 * {@code warmup_steps}; {@code schedule} is laid over each stage's own steps ({@code cosine}: down to 0 within the
 * stage); {@code iteration_decay} multiplies the peak from one iteration to the next (the paper lowers the rate in
 * later iterations without giving values). See {@link LearningRates}.
 *
 * @param schedule       {@code constant} (default) or {@code cosine}
 * @param iterationDecay in (0, 1], default 1
 * @param totalSteps     no longer used: rejected with the reason
 */
public record TrainerConfig(@JsonProperty("learning_rate") Double learningRate,
                            @JsonProperty("batch_size") Integer batchSize,
                            @JsonProperty("gradient_accumulation") Integer gradientAccumulation,
                            @JsonProperty("max_grad_norm") Double maxGradNorm,
                            @JsonProperty("weight_decay") Double weightDecay,
                            @JsonProperty("warmup_steps") Integer warmupSteps,
                            @JsonProperty("schedule") String schedule,
                            @JsonProperty("iteration_decay") Double iterationDecay,
                            @JsonProperty("total_steps") Integer totalSteps) {

    public TrainerConfig {
        checkArgument(totalSteps == null, "trainer.total_steps is not used: each training stage's schedule runs over "
                + "that stage's own steps and warm-up happens once per run; remove it (and use iteration_decay to "
                + "lower the rate in later iterations)");
        checkArgument(learningRate == null || (learningRate > 0 && Double.isFinite(learningRate)),
                "trainer.learning_rate must be > 0, got %s", learningRate);
        checkArgument(batchSize == null || batchSize >= 1, "trainer.batch_size must be >= 1, got %s", batchSize);
        checkArgument(gradientAccumulation == null || gradientAccumulation >= 1,
                "trainer.gradient_accumulation must be >= 1, got %s", gradientAccumulation);
        checkArgument(warmupSteps == null || warmupSteps >= 0, "trainer.warmup_steps must be >= 0, got %s",
                warmupSteps);
        checkArgument(schedule == null || schedule.equals("constant") || schedule.equals("cosine"),
                "trainer.schedule must be 'constant' or 'cosine', got '%s'", schedule);
        checkArgument(iterationDecay == null || (iterationDecay > 0 && iterationDecay <= 1),
                "trainer.iteration_decay must be in (0, 1] (1 keeps the rate), got %s", iterationDecay);
    }

    /** The optimiser settings; the run's learning rates are {@link #toRates()}, given to the builder beside them. */
    public TrainerSettings toSettings(int padId) {
        TrainerSettings t = TrainerSettings.defaults(toRates().peak(), padId);
        t = batchSize == null ? t : t.withBatchSize(batchSize);
        t = gradientAccumulation == null ? t : t.withGradientAccumulation(gradientAccumulation);
        t = maxGradNorm == null ? t : t.withMaxGradNorm(maxGradNorm);
        if (weightDecay != null) {
            AdamWSettings o = t.optimizer();
            t = t.withOptimizer(new AdamWSettings(o.beta1(), o.beta2(), o.epsilon(), weightDecay));
        }
        return t;
    }

    /** The learning rate across the run's training stages. */
    public LearningRates toRates() {
        double lr = learningRate == null ? 5e-5 : learningRate;
        LearningRates rates = "cosine".equals(schedule) ? LearningRates.cosine(lr) : LearningRates.constant(lr);
        rates = warmupSteps == null ? rates : rates.withWarmupSteps(warmupSteps);
        return iterationDecay == null ? rates : rates.withIterationDecay(iterationDecay);
    }
}
