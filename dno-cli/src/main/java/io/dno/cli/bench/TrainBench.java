package io.dno.cli.bench;

import ai.djl.Device;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import io.dno.losses.Losses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Times one DPO step (chosen and rejected of every pair in one forward pass, reference log-probs computed
 * beforehand, backward, global-norm clipping, AdamW) and one SFT step of the preset's model, for every
 * variant, interleaved: repetition r runs each variant's DPO and SFT step, then (with {@code --reference
 * python}) PyTorch's, so a busy host slows all of them alike. Reports medians.
 */
final class TrainBench {
    private TrainBench() {}

    /** Step time of one kind of step under one variant. */
    record StepTiming(double msPerStep, double tokensPerS, double mfu) {
        static StepTiming of(List<Double> ms, long tokens, double flops, double peakGflops) {
            double median = Medians.of(ms);
            return new StepTiming(median, tokens / (median / 1e3), flops / (median / 1e3) / (peakGflops * 1e9));
        }
    }

    /** @param peakGflops median over the repetitions of the f32 matmul rate measured beside the steps */
    record VariantResult(String variant, double peakGflops, StepTiming dpo, StepTiming sft) {}

    static Map<String, Object> run(BenchPreset preset, Device device, List<Variant> variants, int warmup, int reps,
                                   Optional<PythonReference.Settings> python) {
        TransformerConfig config = preset.config();
        int t = preset.sequence();
        int b = preset.trainPairs();
        List<TokenizedPair> pairs = randomPairs(config, b, t, 1);
        List<TokenizedDemonstration> demos = new ArrayList<>();
        for (TokenizedPair p : pairs) {
            demos.add(new TokenizedDemonstration(p.prompt(), p.chosen()));
            demos.add(new TokenizedDemonstration(p.prompt(), p.rejected()));
        }
        long tokens = 2L * b * t;                                           // both step kinds: 2B sequences of T
        double flops = ModelFlops.trainingStep(config, 2 * b, t);
        Map<String, List<Double>> dpoMs = new LinkedHashMap<>();
        Map<String, List<Double>> sftMs = new LinkedHashMap<>();
        Map<String, List<Double>> peaks = new LinkedHashMap<>();
        List<Double> pyDpo = new ArrayList<>();
        List<Double> pySft = new ArrayList<>();
        Map<String, Object> ref = new LinkedHashMap<>();                  // the Python reference's result
        TrainerSettings settings = TrainerSettings.defaults(1e-5, 0).withBatchSize(2 * b);
        try (Transformer model = Transformer.random(config, 1, device);
             Trainer dpo = new Trainer(model, settings);
             Trainer sft = new Trainer(model, settings);
             PythonReference py = python.map(s -> PythonReference.start(s, config, t, b)).orElse(null)) {
            ReferenceLogProbs reference = ReferenceLogProbs.compute(model, pairs, b, 0);
            if (py != null) {
                ref.put("threads", python.get().threads());
                ref.put("torch", py.torchVersion());
                ref.put("peak_gflops_512", py.peakGflops());              // its BLAS: read the ratio with it
            }
            for (int rep = 0; rep < warmup + reps; rep++) {
                for (Variant v : variants) {
                    v.apply(model);
                    double g = MatmulPeak.gflops(device, 1024, 3);        // same threads, same moment's load
                    double d = timeMs(() -> dpo.trainPairs(pairs, reference, Losses.dpo(0.1), (int) dpo.step() + 1));
                    double s = timeMs(() -> sft.trainDemonstrations(demos, Losses.sft(), (int) sft.step() + 1));
                    Progress.report("train", rep, warmup, reps, v.name(), "dpo " + Math.round(d) + " ms, sft "
                            + Math.round(s) + " ms, matmul " + Math.round(g) + " GFLOP/s");
                    if (rep >= warmup) {
                        dpoMs.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(d);
                        sftMs.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(s);
                        peaks.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(g);
                    }
                }
                if (py != null) {
                    double d = py.step("dpo");
                    double s = py.step("sft");
                    Progress.report("train", rep, warmup, reps, "python", "dpo " + Math.round(d) + " ms, sft "
                            + Math.round(s) + " ms");
                    if (rep >= warmup) {
                        pyDpo.add(d);
                        pySft.add(s);
                    }
                }
            }
            variants.get(0).apply(model);
        }
        List<VariantResult> results = new ArrayList<>();
        for (Variant v : variants) {
            double peak = Medians.of(peaks.get(v.name()));
            results.add(new VariantResult(v.name(), peak, StepTiming.of(dpoMs.get(v.name()), tokens, flops, peak),
                    StepTiming.of(sftMs.get(v.name()), tokens, flops, peak)));
        }
        VariantResult headline = results.get(results.size() - 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", "train");
        out.put("preset", preset.name());
        out.put("device", io.dno.core.model.Devices.name(device));
        out.put("parameters", parameterCount(config));
        out.put("sequence", t);
        out.put("pairs_per_step", b);
        out.put("tokens_per_step", tokens);
        out.put("flops_per_step", flops);
        out.put("repetitions", reps);
        out.put("peak_gflops", headline.peakGflops());
        out.put("headline_variant", headline.variant());
        out.put("tokens_per_s", headline.dpo().tokensPerS());
        out.put("ms_per_step", headline.dpo().msPerStep());
        out.put("mfu", headline.dpo().mfu());
        out.put("variants", results);
        out.put("peak_rss_mib", ProcessMemory.peakRssMib());
        if (python.isPresent()) {
            StepTiming pd = StepTiming.of(pyDpo, tokens, flops, headline.peakGflops());
            StepTiming ps = StepTiming.of(pySft, tokens, flops, headline.peakGflops());
            ref.put("dpo", pd);
            ref.put("sft", ps);
            ref.put("dpo_ratio", headline.dpo().tokensPerS() / pd.tokensPerS());
            ref.put("sft_ratio", headline.sft().tokensPerS() / ps.tokensPerS());
            out.put("reference_python", ref);
        }
        return out;
    }

    /** Pairs whose prompt is a quarter of {@code length} and whose responses fill the rest, random ids. */
    static List<TokenizedPair> randomPairs(TransformerConfig config, int count, int length, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int prompt = Math.max(1, length / 4);
        int response = length - prompt;
        List<TokenizedPair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pairs.add(TokenizedPair.of(rng.ints(prompt, 1, config.vocabSize()).toArray(),
                    rng.ints(response, 1, config.vocabSize()).toArray(),
                    rng.ints(response, 1, config.vocabSize()).toArray()));
        }
        return pairs;
    }

    static long parameterCount(TransformerConfig config) {
        return io.dno.core.model.ParameterNames.shapes(config).values().stream().mapToLong(s -> s.size()).sum();
    }

    static double timeMs(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }
}
