package io.dno.cli.bench;

import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import io.dno.losses.Losses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Runs a long DPO training loop on a tiny model and prints the process's resident memory as it goes, to
 * show that native memory stays flat (one sub-manager per micro-batch, nothing retained between steps).
 *
 * <p>Usage: {@code java ... TrainingMemoryCheck [steps=2000] [every=250]}
 */
public final class TrainingMemoryCheck {

    private TrainingMemoryCheck() {}

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        Random random = new Random(1);
        List<TokenizedPair> pairs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            int[] prompt = random.ints(8 + random.nextInt(24), 1, 60).toArray();
            pairs.add(TokenizedPair.of(prompt, random.ints(16, 1, 60).toArray(), random.ints(16, 1, 60).toArray()));
        }
        TransformerConfig config = TransformerConfig.tiny(64);
        try (Transformer model = Transformer.random(config, 1);
             Trainer trainer = new Trainer(model, TrainerSettings.defaults(1e-4, 0).withBatchSize(8))) {
            ReferenceLogProbs reference = ReferenceLogProbs.compute(model, pairs, 16, 0);
            long start = System.nanoTime();
            System.out.printf(Locale.ROOT, "model %s, %d parameters; %d steps of DPO, batch 8%n", config.modelType(),
                    model.parameterCount(), steps);
            System.out.printf(Locale.ROOT, "%6s %10s %10s %8s%n", "step", "rss_mib", "ms/step", "loss");
            trainer.addListener(m -> {
                if (m.step() == 1 || m.step() % every == 0) {
                    double ms = (System.nanoTime() - start) / 1e6 / m.step();
                    System.out.printf(Locale.ROOT, "%6d %10.1f %10.1f %8.4f%n", m.step(), rssMib(), ms, m.loss());
                }
            });
            int epochs = (steps + 7) / 8;                     // 64 pairs / batch 8 = 8 steps per epoch
            trainer.addListener(m -> {
                if (m.step() >= steps) {
                    throw new Done();
                }
            });
            try {
                trainer.trainPairs(pairs, reference, Losses.dpo(0.1), epochs);
            } catch (Done done) {
                // reached the requested number of steps
            }
        }
    }

    private static double rssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static final class Done extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
