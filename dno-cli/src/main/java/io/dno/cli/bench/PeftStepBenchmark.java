package io.dno.cli.bench;

import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.peft.LoraConfig;
import io.dno.core.peft.QuantizedBase;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import io.dno.losses.Losses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Time per SFT training step (forward, backward, clipping, AdamW) of full fine-tuning, LoRA and QLoRA on one model
 * directory, with the weight bytes each holds. Random token data, batch 8, prompt 32 + answer 32 tokens; the first
 * {@code warmup} steps are not timed.
 *
 * <p>Usage: {@code java ... PeftStepBenchmark MODEL_DIR [steps=20] [warmup=3] [rank=16]}
 */
public final class PeftStepBenchmark {

    private PeftStepBenchmark() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int rank = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        System.out.printf(Locale.ROOT, "%-6s %12s %14s %10s %10s %10s%n", "method", "trainable", "weight_bytes",
                "median_ms", "min_ms", "max_ms");
        for (String method : List.of("full", "lora", "qlora")) {
            try (Transformer model = CheckpointDir.load(dir)) {
                QuantizedBase q = method.equals("qlora") ? QuantizedBase.quantize(model, LoraConfig.ALL_PROJECTIONS, true)
                        : null;
                LoraAdapter lora = method.equals("full") ? null
                        : LoraAdapter.attach(model, LoraConfig.of(rank, 2.0 * rank, 0, LoraConfig.ALL_PROJECTIONS), 1);
                long trainable = lora == null ? model.parameterCount() : lora.parameterCount();
                long bytes = 4 * model.parameterCount() + (q == null ? 0 : q.stats().storedBytes());
                List<Double> times = new ArrayList<>();
                long[] last = {System.nanoTime()};
                TrainerSettings settings = TrainerSettings.defaults(1e-4, 0).withBatchSize(8);
                try (Trainer trainer = lora == null ? new Trainer(model, settings)
                        : new Trainer(model, settings, LoraAdapter::isAdapterParameter)) {
                    trainer.addListener(m -> {
                        long now = System.nanoTime();
                        if (m.step() > warmup) {
                            times.add((now - last[0]) / 1e6);
                        }
                        last[0] = now;
                    });
                    trainer.trainDemonstrations(data(model.config().vocabSize(), 8 * (steps + warmup)), Losses.sft(), 1);
                }
                double[] t = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "%-6s %,12d %,14d %10.1f %10.1f %10.1f%n", method, trainable, bytes,
                        t[t.length / 2], t[0], t[t.length - 1]);
                if (lora != null) {
                    lora.close();
                }
            }
        }
    }

    private static List<TokenizedDemonstration> data(int vocab, int count) {
        SplittableRandom rng = new SplittableRandom(1);
        List<TokenizedDemonstration> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] prompt = new int[32];
            int[] answer = new int[32];
            Arrays.setAll(prompt, k -> 1 + rng.nextInt(vocab - 1));
            Arrays.setAll(answer, k -> 1 + rng.nextInt(vocab - 1));
            out.add(new TokenizedDemonstration(prompt, answer));
        }
        return out;
    }
}
