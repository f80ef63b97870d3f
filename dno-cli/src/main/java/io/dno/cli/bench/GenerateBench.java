package io.dno.cli.bench;

import ai.djl.Device;
import io.dno.core.model.Devices;
import io.dno.core.model.Generator;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.policy.SamplingParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decoding speed: greedy generation of {@code newTokens} tokens after a random prompt with the KV cache
 * ({@link Generator}) at batch 1 and at a large batch, and without the cache ({@link RecomputeDecoder}) at
 * batch 1, for every variant, interleaved repetition by repetition. Greedy and no end token, so every row
 * generates exactly {@code newTokens} tokens and the runs do the same work. Beside the runs it measures the
 * memory read bandwidth, to report batch-1 decoding as a fraction of its bound (weight bytes / bandwidth).
 */
final class GenerateBench {
    private GenerateBench() {}

    /** @param nativeCallsPerToken native calls into PyTorch per generated token (counting agent only, else null) */
    record Timing(int batch, boolean cache, double seconds, double tokensPerS, Double nativeCallsPerToken) {}

    /**
     * @param memoryGbPerS       median read bandwidth measured beside the runs with the variant's threads
     * @param bandwidthBound     tokens/s at batch 1 if each token cost only reading the weights once at that rate
     * @param bandwidthFraction  batch-1 cached tokens/s / {@code bandwidthBound}
     */
    record VariantResult(String variant, List<Timing> timings, double kvSpeedup, double memoryGbPerS,
                         double bandwidthBound, double bandwidthFraction) {}

    static Map<String, Object> run(BenchPreset preset, Device device, List<Variant> variants, int warmup, int reps,
                                   int newTokens, int promptLength, int largeBatch, boolean noCacheLargeBatch) {
        TransformerConfig config = preset.config();
        SplittableRandom rng = new SplittableRandom(3);
        int[] prompt = rng.ints(promptLength, 1, config.vocabSize()).toArray();
        List<int[]> large = new ArrayList<>();
        for (int i = 0; i < largeBatch; i++) {
            large.add(rng.ints(promptLength, 1, config.vocabSize()).toArray());
        }
        List<Run> runs = new ArrayList<>(List.of(new Run(1, true), new Run(1, false), new Run(largeBatch, true)));
        if (noCacheLargeBatch) {
            runs.add(new Run(largeBatch, false));
        }
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, Double> callsPerToken = new LinkedHashMap<>();
        Map<String, List<Double>> bandwidth = new LinkedHashMap<>();
        double loadBefore = MachineLoad.oneMinute();
        try (Transformer model = Transformer.random(config, 1, device)) {
            Generator generator = new Generator(model, 0, java.util.Set.of(), tokens -> false);
            SamplingParams greedy = SamplingParams.greedy(newTokens);
            for (int rep = 0; rep < warmup + reps; rep++) {
                for (Variant v : variants) {
                    v.apply(model);
                    for (Run r : runs) {
                        List<int[]> prompts = r.batch == 1 ? List.of(prompt) : large;
                        long c0 = NativeCalls.total();
                        double s = TrainBench.timeMs(() -> {
                            if (r.cache) {
                                generator.generate(prompts, greedy);
                            } else {
                                RecomputeDecoder.greedy(model, prompts, newTokens);
                            }
                        }) / 1e3;
                        Progress.report("generate", rep, warmup, reps, v.name() + " " + r,
                                String.format(java.util.Locale.ROOT, "%.2f s", s));
                        if (rep >= warmup) {
                            seconds.computeIfAbsent(v.name() + "/" + r, k -> new ArrayList<>()).add(s);
                            if (NativeCalls.active()) {
                                callsPerToken.put(v.name() + "/" + r,
                                        (NativeCalls.total() - c0) / (double) (r.batch * newTokens));
                            }
                        }
                    }
                    double gb = MemoryBandwidth.gbPerS(device, 512, 3);       // same threads, same moment's load
                    Progress.report("generate", rep, warmup, reps, v.name(), String.format(java.util.Locale.ROOT,
                            "memory read %.1f GB/s", gb));
                    if (rep >= warmup) {
                        bandwidth.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(gb);
                    }
                }
            }
            variants.get(0).apply(model);
        }
        // a decoding step reads every matrix it multiplies once: float32 weights, the tied embedding once (as the head)
        long weightBytes = 4L * ModelFlops.matmulParameters(config);
        List<VariantResult> results = new ArrayList<>();
        for (Variant v : variants) {
            List<Timing> timings = new ArrayList<>();
            for (Run r : runs) {
                double s = Medians.of(seconds.get(v.name() + "/" + r));
                timings.add(new Timing(r.batch, r.cache, s, (double) r.batch * newTokens / s,
                        callsPerToken.get(v.name() + "/" + r)));
            }
            double speedup = timings.get(0).tokensPerS() / timings.get(1).tokensPerS();
            double gb = Medians.of(bandwidth.get(v.name()));
            double bound = gb * 1e9 / weightBytes;
            results.add(new VariantResult(v.name(), timings, speedup, gb, bound, timings.get(0).tokensPerS() / bound));
        }
        VariantResult headline = results.get(results.size() - 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", "generate");
        out.put("preset", preset.name());
        out.put("device", Devices.name(device));
        out.put("parameters", TrainBench.parameterCount(config));
        out.put("prompt_tokens", promptLength);
        out.put("new_tokens", newTokens);
        out.put("large_batch", largeBatch);
        out.put("repetitions", reps);
        out.put("headline_variant", headline.variant());
        out.put("tokens_per_s", headline.timings().get(0).tokensPerS());
        out.put("tokens_per_s_large_batch", headline.timings().get(2).tokensPerS());
        out.put("kv_speedup", headline.kvSpeedup());
        out.put("weight_bytes_per_token", weightBytes);
        out.put("memory_gb_per_s", headline.memoryGbPerS());
        out.put("bandwidth_bound_tokens_per_s", headline.bandwidthBound());
        out.put("bandwidth_fraction", headline.bandwidthFraction());
        out.put("variants", results);
        out.put("peak_rss_mib", ProcessMemory.peakRssMib());
        out.put("load_average", List.of(loadBefore, MachineLoad.oneMinute()));     // 1-minute, at start and end
        return out;
    }

    private record Run(int batch, boolean cache) {
        @Override
        public String toString() {
            return "batch=" + batch + (cache ? " cache" : " recompute");
        }
    }
}
