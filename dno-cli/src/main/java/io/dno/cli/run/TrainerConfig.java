package io.dno.cli.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.train.AdamWSettings;
import io.dno.core.train.LearningRateSchedule;
import io.dno.core.train.TrainerSettings;

/**
 * The {@code trainer} section. Defaults: learning rate 5e-5 (as printed in the paper), batch 64, clipping 1.0,
 * constant schedule.
 *
 * @param schedule    {@code constant} or {@code cosine} (cosine needs {@code total_steps})
 */
public record TrainerConfig(@JsonProperty("learning_rate") Double learningRate,
                            @JsonProperty("batch_size") Integer batchSize,
                            @JsonProperty("gradient_accumulation") Integer gradientAccumulation,
                            @JsonProperty("max_grad_norm") Double maxGradNorm,
                            @JsonProperty("weight_decay") Double weightDecay,
                            @JsonProperty("warmup_steps") Integer warmupSteps,
                            @JsonProperty("schedule") String schedule,
                            @JsonProperty("total_steps") Integer totalSteps) {

    public TrainerSettings toSettings(int padId) {
        double lr = learningRate == null ? 5e-5 : learningRate;
        checkArgument(lr > 0 && Double.isFinite(lr), "trainer.learning_rate must be > 0, got %s", lr);
        checkArgument(batchSize == null || batchSize >= 1, "trainer.batch_size must be >= 1, got %s", batchSize);
        checkArgument(gradientAccumulation == null || gradientAccumulation >= 1,
                "trainer.gradient_accumulation must be >= 1, got %s", gradientAccumulation);
        checkArgument(warmupSteps == null || warmupSteps >= 0, "trainer.warmup_steps must be >= 0, got %s",
                warmupSteps);
        int warmup = warmupSteps == null ? 0 : warmupSteps;
        String kind = schedule == null ? "constant" : schedule;
        LearningRateSchedule s = switch (kind) {
            case "constant" -> LearningRateSchedule.constant(lr, warmup);
            case "cosine" -> {
                checkArgument(totalSteps != null, "trainer.schedule 'cosine' needs trainer.total_steps");
                yield LearningRateSchedule.cosine(lr, 0, warmup, totalSteps);
            }
            default -> throw new IllegalArgumentException("trainer.schedule must be 'constant' or 'cosine', got '"
                    + kind + "'");
        };
        TrainerSettings t = TrainerSettings.defaults(lr, padId).withSchedule(s);
        t = batchSize == null ? t : t.withBatchSize(batchSize);
        t = gradientAccumulation == null ? t : t.withGradientAccumulation(gradientAccumulation);
        t = maxGradNorm == null ? t : t.withMaxGradNorm(maxGradNorm);
        if (weightDecay != null) {
            AdamWSettings o = AdamWSettings.TORCH_DEFAULTS;
            t = t.withOptimizer(new AdamWSettings(o.beta1(), o.beta2(), o.epsilon(), weightDecay));
        }
        return t;
    }
}
