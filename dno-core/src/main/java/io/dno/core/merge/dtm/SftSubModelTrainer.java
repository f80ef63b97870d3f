package io.dno.core.merge.dtm;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Demonstration;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.train.LearningRateSchedule;
import io.dno.core.train.Loss;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Full fine-tuning of every parameter with the library's {@link Trainer} (supervised, loss on the response):
 * cosine schedule to 0 with a linear warm-up over the first 10% of steps, as the DTM recipe (which uses LoRA;
 * Fu et al. 2024, README: cosine, warm-up, one epoch).
 *
 * @param settings     batch size, accumulation, optimiser, clipping and pad id; seed and schedule come from the variant
 * @param loss         the SFT loss (e.g. {@code Losses.sft()} from dno-losses)
 * @param epochs       passes over the data
 * @param tokenize     a demonstration as prompt and response ids
 * @param tokenizerDir tokenizer files copied into every saved model
 */
public record SftSubModelTrainer(TrainerSettings settings, Loss loss, int epochs,
                                 Function<Demonstration, TokenizedDemonstration> tokenize,
                                 Optional<Path> tokenizerDir) implements SubModelTrainer {

    public SftSubModelTrainer {
        checkArgument(settings != null && loss != null && tokenize != null && tokenizerDir != null,
                "settings, loss, tokenize and tokenizerDir are required");
        checkArgument(epochs >= 1, "epochs must be >= 1, got %s", epochs);
    }

    @Override
    public void train(Path base, List<Demonstration> data, TrainingVariant variant, Path out) {
        checkArgument(!data.isEmpty(), "no demonstrations to train %s on", out);
        List<TokenizedDemonstration> tokens = data.stream().map(tokenize).toList();
        long steps = (long) epochs * ((tokens.size() + settings.batchSize() - 1) / settings.batchSize());
        TrainerSettings run = settings.withSeed(variant.seed()).withSchedule(
                LearningRateSchedule.cosine(variant.learningRate(), 0, steps / 10, steps));
        try (Transformer model = CheckpointDir.load(base); Trainer trainer = new Trainer(model, run)) {
            trainer.trainDemonstrations(tokens, loss, epochs);
            CheckpointDir.save(model, tokenizerDir, out);
        }
    }
}
