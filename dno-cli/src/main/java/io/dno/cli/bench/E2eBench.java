package io.dno.cli.bench;

import ai.djl.Device;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.model.Devices;
import io.dno.core.model.Generation;
import io.dno.core.model.Generator;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.pairs.PairBuilder;
import io.dno.core.pairs.PairBuilders;
import io.dno.core.policy.SamplingParams;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import io.dno.losses.Losses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One DNO iteration (Rosset et al. 2024, Algorithm 2) on a synthetic task, timed stage by stage: sample K
 * answers per prompt with the paper's sampling settings, annotate them with a rule
 * ({@link LowIdRuleAnnotator}), build DNO's large-margin pairs ({@link PairBuilders#dno()}), score the pairs
 * under the reference (the iterate itself, as in iteration t), and train one epoch of DPO on them. Composed
 * from the library's components; the quickstart world (io.dno.cli.quickstart) had not landed when
 * this was written.
 */
final class E2eBench {
    private E2eBench() {}

    static Map<String, Object> run(BenchPreset preset, Device device, Variant variant, int prompts, int k,
                                   int promptLength, int newTokens) {
        TransformerConfig config = preset.config();
        SplittableRandom rng = new SplittableRandom(5);
        List<Prompt> promptRecords = new ArrayList<>();
        List<int[]> promptIds = new ArrayList<>();
        for (int i = 0; i < prompts; i++) {
            int[] ids = rng.ints(promptLength, 1, config.vocabSize()).toArray();
            promptIds.add(ids);
            promptRecords.add(Prompt.of("p" + i, SyntheticTask.text(ids)));
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        int pairCount;
        try (Transformer model = Transformer.random(config, 1, device)) {
            variant.apply(model);
            long t0 = System.nanoTime();
            Generator generator = new Generator(model, 0, java.util.Set.of(), tokens -> false);
            SamplingParams params = SamplingParams.builder().samplesPerPrompt(k).temperature(0.7).topP(0.95)
                    .maxNewTokens(newTokens).seed(11).build();
            List<List<Generation>> samples = generator.generate(promptIds, params);
            long t1 = System.nanoTime();
            LowIdRuleAnnotator annotator = new LowIdRuleAnnotator(config.vocabSize());
            List<Judgement> judgements = new ArrayList<>();
            for (int i = 0; i < prompts; i++) {
                List<Response> candidates = new ArrayList<>();
                for (Generation g : samples.get(i)) {
                    candidates.add(Response.student(promptRecords.get(i).id(), SyntheticTask.text(g.tokens())));
                }
                judgements.add(annotator.judge(promptRecords.get(i), candidates));
            }
            long t2 = System.nanoTime();
            PairBuilder builder = PairBuilders.dno();
            List<TokenizedPair> pairs = new ArrayList<>();
            for (Judgement j : judgements) {
                for (PreferencePair p : builder.build(j.prompt(), j.scored(), 1)) {
                    pairs.add(TokenizedPair.of(SyntheticTask.ids(p.prompt().text()),
                            SyntheticTask.ids(p.chosen().text()), SyntheticTask.ids(p.rejected().text())));
                }
            }
            long t3 = System.nanoTime();
            pairCount = pairs.size();
            long t4 = t3;
            long t5 = t3;
            if (!pairs.isEmpty()) {
                ReferenceLogProbs reference = ReferenceLogProbs.compute(model, pairs, 8, 0);
                t4 = System.nanoTime();
                try (Trainer trainer = new Trainer(model, TrainerSettings.defaults(1e-5, 0).withBatchSize(8))) {
                    trainer.trainPairs(pairs, reference, Losses.dpo(0.1), 1);
                }
                t5 = System.nanoTime();
            }
            seconds.put("sample", (t1 - t0) / 1e9);
            seconds.put("annotate", (t2 - t1) / 1e9);
            seconds.put("pair", (t3 - t2) / 1e9);
            seconds.put("reference", (t4 - t3) / 1e9);
            seconds.put("train", (t5 - t4) / 1e9);
        }
        double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", "e2e");
        out.put("preset", preset.name());
        out.put("device", Devices.name(device));
        out.put("variant", variant.name());
        out.put("prompts", prompts);
        out.put("samples_per_prompt", k);
        out.put("new_tokens", newTokens);
        out.put("pairs", pairCount);
        out.put("seconds_total", total);
        out.put("seconds_by_stage", seconds);
        out.put("sampling_share", seconds.get("sample") / total);
        out.put("peak_rss_mib", ProcessMemory.peakRssMib());
        return out;
    }
}
