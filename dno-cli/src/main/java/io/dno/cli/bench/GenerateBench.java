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
 * generates exactly {@code newTokens} tokens and the runs do the same work.
 */
final class GenerateBench {
    private GenerateBench() {}

    record Timing(int batch, boolean cache, double seconds, double tokensPerS) {}

    record VariantResult(String variant, List<Timing> timings, double kvSpeedup) {}

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
        try (Transformer model = Transformer.random(config, 1, device)) {
            Generator generator = new Generator(model, 0, java.util.Set.of(), tokens -> false);
            SamplingParams greedy = new SamplingParams(1, 0.0, 1.0, 0, newTokens, 0);
            for (int rep = 0; rep < warmup + reps; rep++) {
                for (Variant v : variants) {
                    v.apply(model);
                    for (Run r : runs) {
                        List<int[]> prompts = r.batch == 1 ? List.of(prompt) : large;
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
                        }
                    }
                }
            }
            variants.get(0).apply(model);
        }
        List<VariantResult> results = new ArrayList<>();
        for (Variant v : variants) {
            List<Timing> timings = new ArrayList<>();
            for (Run r : runs) {
                double s = Medians.of(seconds.get(v.name() + "/" + r));
                timings.add(new Timing(r.batch, r.cache, s, (double) r.batch * newTokens / s));
            }
            double speedup = timings.get(0).tokensPerS() / timings.get(1).tokensPerS();
            results.add(new VariantResult(v.name(), timings, speedup));
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
        out.put("variants", results);
        out.put("peak_rss_mib", ProcessMemory.peakRssMib());
        return out;
    }

    private record Run(int batch, boolean cache) {
        @Override
        public String toString() {
            return "batch=" + batch + (cache ? " cache" : " recompute");
        }
    }
}
