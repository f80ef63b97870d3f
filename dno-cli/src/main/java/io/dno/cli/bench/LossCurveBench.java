package io.dno.cli.bench;

import ai.djl.Device;
import io.dno.core.model.Precision;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.train.StepMetrics;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import io.dno.losses.Losses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Does a precision still train? The same SFT run (same initial weights, seed, data and order) in every precision,
 * step by step interleaved: the preset's model memorises one batch of random sequences (the train bench's batch:
 * prompt a quarter, loss on the rest), one optimiser step per epoch, at a constant learning rate, and the per-step losses of the runs are reported side by side.
 * Random sequences have no structure beyond themselves, so a falling loss is memorisation: the test of whether
 * the gradients, in bf16 products, still move the f32 master weights as f32's do.
 */
final class LossCurveBench {
    private LossCurveBench() {}

    static Map<String, Object> run(BenchPreset preset, Device device, List<Variant> variants, int steps,
                                   double learningRate) {
        TransformerConfig config = preset.config();
        int t = preset.sequence();
        int batch = 2 * preset.trainPairs();
        int sequences = batch;
        List<TokenizedDemonstration> data = new ArrayList<>();
        for (TokenizedPair p : TrainBench.randomPairs(config, (sequences + 1) / 2, t, 7)) {
            data.add(new TokenizedDemonstration(p.prompt(), p.chosen()));
            data.add(new TokenizedDemonstration(p.prompt(), p.rejected()));
        }
        List<TokenizedDemonstration> set = data.subList(0, sequences);
        TrainerSettings settings = TrainerSettings.defaults(learningRate, 0).withBatchSize(batch).withSeed(5);
        Map<String, List<Double>> losses = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<Transformer> models = new ArrayList<>();
        List<Trainer> trainers = new ArrayList<>();
        double loadBefore = MachineLoad.oneMinute();
        try {
            for (Variant v : variants) {
                Transformer model = Transformer.random(config, 1, device);     // same weights for every variant
                models.add(model);
                trainers.add(new Trainer(model, settings));
                losses.put(v.name(), new ArrayList<>());
                seconds.put(v.name(), 0.0);
            }
            for (int step = 0; step < steps; step++) {
                for (int i = 0; i < variants.size(); i++) {
                    Variant v = variants.get(i);
                    Trainer trainer = trainers.get(i);
                    v.apply(models.get(i));
                    long t0 = System.nanoTime();
                    // the set is one batch, so epoch e is step e: one more epoch is exactly one more step
                    List<StepMetrics> ran = trainer.trainDemonstrations(set, Losses.sft(), (int) trainer.step() + 1);
                    seconds.merge(v.name(), (System.nanoTime() - t0) / 1e9, Double::sum);
                    double loss = ran.get(0).loss();
                    losses.get(v.name()).add(loss);
                    if (step % 10 == 0 || step == steps - 1) {
                        System.err.printf(Locale.ROOT, "bench curve step %d %s: loss %.4f%n", step + 1, v.name(), loss);
                    }
                }
            }
        } finally {
            trainers.forEach(Trainer::close);
            models.forEach(Transformer::close);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", "curve");
        out.put("preset", preset.name());
        out.put("device", io.dno.core.model.Devices.name(device));
        out.put("sequences", sequences);
        out.put("batch", batch);
        out.put("learning_rate", learningRate);
        out.put("steps", steps);
        out.put("seconds", seconds);
        out.put("losses", losses);
        out.put("load_average", List.of(loadBefore, MachineLoad.oneMinute()));
        return out;
    }
}
