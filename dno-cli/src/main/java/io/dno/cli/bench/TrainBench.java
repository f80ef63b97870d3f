package io.dno.cli.bench;

import ai.djl.Device;
import io.dno.core.model.Precision;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.peft.LoraConfig;
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
import java.util.function.Predicate;

/**
 * Times one DPO step (chosen and rejected of every pair in one forward pass, reference log-probs computed
 * beforehand, backward, global-norm clipping, AdamW) and one SFT step of the preset's model, for every
 * variant, interleaved: repetition r runs each variant's DPO and SFT step, then (with {@code --reference
 * python}) PyTorch's, then each side's matmul peak, so a busy host slows all of them alike. Reports medians, the
 * host's load average, and (under the {@link NativeCallCounter} agent) the native calls per step.
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

    /**
     * @param peakGflops  median over the repetitions of the matmul rate in the variant's precision, measured beside
     *                    the steps (the MFU denominator)
     * @param nativeCalls native calls into PyTorch per step by kind ("dpo", "sft"), with the counting agent only
     */
    record VariantResult(String variant, double peakGflops, StepTiming dpo, StepTiming sft,
                         Map<String, Long> nativeCalls) {}

    static Map<String, Object> run(BenchPreset preset, Device device, List<Variant> variants, int warmup, int reps,
                                   Optional<PythonReference.Settings> python, int loraRank) {
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
        double flops = ModelFlops.trainingStep(config, 2 * b, t, loraRank == 0);
        Map<String, List<Double>> dpoMs = new LinkedHashMap<>();
        Map<String, List<Double>> sftMs = new LinkedHashMap<>();
        Map<String, List<Double>> peaks = new LinkedHashMap<>();
        Map<String, Map<String, Long>> calls = new LinkedHashMap<>();
        Map<String, Map<String, Long>> callsByMethod = new LinkedHashMap<>();
        List<Double> pyDpo = new ArrayList<>();
        List<Double> pySft = new ArrayList<>();
        List<Double> pyPeaks = new ArrayList<>();
        Map<String, Object> ref = new LinkedHashMap<>();                  // the Python reference's result
        double loadBefore = MachineLoad.oneMinute();
        TrainerSettings settings = TrainerSettings.defaults(1e-5, 0).withBatchSize(2 * b);
        try (Transformer model = Transformer.random(config, 1, device);
             LoraAdapter lora = loraRank == 0 ? null : LoraAdapter.attach(model,
                     LoraConfig.of(loraRank, 2.0 * loraRank, 0, LoraConfig.ALL_PROJECTIONS), 2);
             Trainer dpo = new Trainer(model, settings, trainable(loraRank));
             Trainer sft = new Trainer(model, settings, trainable(loraRank));
             PythonReference py = python.map(s -> PythonReference.start(s, config, t, b)).orElse(null)) {
            ReferenceLogProbs reference = ReferenceLogProbs.compute(model, pairs, b, 0);
            if (py != null) {
                ref.put("threads", python.get().threads());
                ref.put("torch", py.torchVersion());
                ref.put("blas", py.blas());                                // the BLAS it runs on: read the ratio with it
                ref.put("peak_gflops_512", py.peakGflops());
            }
            for (int rep = 0; rep < warmup + reps; rep++) {
                // order within a repetition: each variant's steps, then Python's, then the matmul peaks; a 1024³
                // product right before a small step slowed it (caches, allocator), so no step follows one directly
                for (Variant v : variants) {
                    v.apply(model);
                    long c0 = NativeCalls.total();
                    Map<String, Long> m0 = NativeCalls.byMethod();
                    double d = timeMs(() -> dpo.trainPairs(pairs, reference, Losses.dpo(0.1), (int) dpo.step() + 1));
                    long c1 = NativeCalls.total();
                    Map<String, Long> m1 = NativeCalls.byMethod();
                    double s = timeMs(() -> sft.trainDemonstrations(demos, Losses.sft(), (int) sft.step() + 1));
                    long c2 = NativeCalls.total();
                    Progress.report("train", rep, warmup, reps, v.name(), "dpo " + Math.round(d) + " ms, sft "
                            + Math.round(s) + " ms");
                    if (rep >= warmup) {
                        dpoMs.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(d);
                        sftMs.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(s);
                        if (NativeCalls.active()) {
                            calls.put(v.name(), Map.of("dpo", c1 - c0, "sft", c2 - c1));
                            callsByMethod.put(v.name(), NativeCalls.delta(m0, m1));
                        }
                    }
                }
                if (py != null) {
                    double d = py.step("dpo");
                    double s = py.step("sft");
                    double g = py.peak();
                    Progress.report("train", rep, warmup, reps, "python", "dpo " + Math.round(d) + " ms, sft "
                            + Math.round(s) + " ms, matmul " + Math.round(g) + " GFLOP/s");
                    if (rep >= warmup) {
                        pyDpo.add(d);
                        pySft.add(s);
                        pyPeaks.add(g);
                    }
                }
                for (Variant v : variants) {
                    IntraOpThreads.set(v.threads());
                    double g = MatmulPeak.gflops(device, 1024, 3, v.precision());  // same threads, same moment's load
                    Progress.report("train", rep, warmup, reps, v.name(), "matmul " + Math.round(g) + " GFLOP/s");
                    if (rep >= warmup) {
                        peaks.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(g);
                    }
                }
            }
            variants.get(0).apply(model);
        }
        List<VariantResult> results = new ArrayList<>();
        for (Variant v : variants) {
            double peak = Medians.of(peaks.get(v.name()));
            results.add(new VariantResult(v.name(), peak, StepTiming.of(dpoMs.get(v.name()), tokens, flops, peak),
                    StepTiming.of(sftMs.get(v.name()), tokens, flops, peak), calls.get(v.name())));
        }
        VariantResult headline = results.get(results.size() - 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", "train");
        out.put("preset", preset.name());
        out.put("device", io.dno.core.model.Devices.name(device));
        out.put("parameters", parameterCount(config));
        if (loraRank > 0) {
            out.put("lora_rank", loraRank);
        }
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
        bf16Speedup(variants, results).ifPresent(x -> out.put("bf16_speedup", x));
        out.put("variants", results);
        out.put("peak_rss_mib", ProcessMemory.peakRssMib());
        out.put("load_average", List.of(loadBefore, MachineLoad.oneMinute()));     // 1-minute, at start and end
        if (NativeCalls.active()) {
            out.put("native_calls_dpo_by_method", callsByMethod.get(headline.variant()));
        }
        if (python.isPresent()) {
            double pyPeak = Medians.of(pyPeaks);
            StepTiming pd = StepTiming.of(pyDpo, tokens, flops, pyPeak);
            StepTiming ps = StepTiming.of(pySft, tokens, flops, pyPeak);
            VariantResult f32 = lastF32(variants, results);
            ref.put("peak_gflops", pyPeak);                                // 1024³, beside its steps, as Java's
            ref.put("dpo", pd);
            ref.put("sft", ps);
            ref.put("variant", f32.variant());                             // the Java variant compared (f32)
            ref.put("dpo_ratio", f32.dpo().tokensPerS() / pd.tokensPerS());
            ref.put("sft_ratio", f32.sft().tokensPerS() / ps.tokensPerS());
            out.put("python_ratio", f32.dpo().tokensPerS() / pd.tokensPerS());
            out.put("reference_python", ref);
        }
        return out;
    }

    /** Every weight, or (LoRA) only the adapters' factors. */
    private static Predicate<String> trainable(int loraRank) {
        return loraRank == 0 ? name -> true : name -> name.contains(LoraAdapter.LORA_A) || name.contains(LoraAdapter.LORA_B);
    }

    /** bf16 / f32 DPO tokens/s of the headline's threads and attention, when both precisions ran. */
    private static Optional<Double> bf16Speedup(List<Variant> variants, List<VariantResult> results) {
        Variant last = variants.get(variants.size() - 1);
        int f32 = variants.indexOf(last.in(Precision.F32));
        int bf16 = variants.indexOf(last.in(Precision.BF16));
        if (f32 < 0 || bf16 < 0) {
            return Optional.empty();
        }
        return Optional.of(results.get(bf16).dpo().tokensPerS() / results.get(f32).dpo().tokensPerS());
    }

    /** The last float32 variant, the one compared with the (float32) Python reference. */
    private static VariantResult lastF32(List<Variant> variants, List<VariantResult> results) {
        for (int i = variants.size() - 1; i >= 0; i--) {
            if (variants.get(i).precision() == Precision.F32) {
                return results.get(i);
            }
        }
        throw new IllegalArgumentException("--reference python compares float32 steps: add f32 to --precision");
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
