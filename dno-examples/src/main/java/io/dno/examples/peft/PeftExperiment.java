package io.dno.examples.peft;

import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.peft.LoraConfig;
import io.dno.core.peft.QuantizedBase;
import io.dno.core.train.Loss;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.StepMetrics;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import io.dno.losses.Losses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Full fine-tuning vs LoRA vs QLoRA, SFT then DPO, in miniature (after Thakkar et al. 2024, arXiv 2406.04879).
 *
 * <ol>
 *   <li>Pre-train a tiny llama from random initialisation on COPY and SORT ({@link DigitTasks}): the base.</li>
 *   <li>For each method, from the same base: SFT on REVERSE demonstrations, then DPO on REVERSE pairs (correct
 *       reversal over a near miss), the reference being the method's own SFT model. LoRA and QLoRA adapt every
 *       projection; between the stages the SFT adapter is merged and a fresh adapter trained for DPO, whose
 *       reference is the merged model with the adapter off. QLoRA's base is NF4 with double-quantised scales;
 *       its SFT adapter is merged into the dequantised weights, which are quantised again for DPO.</li>
 *   <li>Report per stage: REVERSE accuracy on held-out prompts, COPY/SORT retention, DPO preference accuracy on
 *       held-out pairs, trainable parameters, resident bytes, wall time.</li>
 * </ol>
 *
 * <p>Usage: {@code java -Dai.djl.pytorch.num_threads=1 ... io.dno.examples.peft.PeftExperiment [pretrainSteps=3000]
 * [sftSteps=400] [dpoSteps=300]} (one intra-op thread: at this size more threads only contend).
 */
public final class PeftExperiment {
    private static final int BATCH = 32;
    private static final int EVAL = 512;
    private static final double FULL_LR = 1e-3;
    private static final double ADAPTER_LR = 5e-3;
    private static final double DPO_LR_FACTOR = 0.2;   // DPO at a fifth of the SFT rate (Thakkar et al.: 5e-5 vs 2e-4)
    private static final double BETA = 0.1;
    private static final LoraConfig LORA = LoraConfig.of(8, 16, 0.05, LoraConfig.ALL_PROJECTIONS);

    enum Method { FULL, LORA, QLORA }

    private PeftExperiment() {}

    static TransformerConfig config() {
        return TransformerConfig.llama(DigitTasks.VOCAB, 64, 128, 2, 4, 2, 32).withTiedEmbeddings(true);
    }

    public static void main(String[] args) throws IOException {
        int pretrainSteps = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int sftSteps = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int dpoSteps = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Path baseDir = Files.createTempDirectory("dno-peft-base");
        List<TokenizedDemonstration> revTest = DigitTasks.demonstrations(List.of(DigitTasks.Task.REVERSE), EVAL, 101);
        List<TokenizedDemonstration> retainTest = DigitTasks.demonstrations(
                List.of(DigitTasks.Task.COPY, DigitTasks.Task.SORT), EVAL, 102);
        List<TokenizedPair> pairTest = DigitTasks.reversePairs(EVAL, 103);

        long t0 = System.nanoTime();
        try (Transformer base = Transformer.random(config(), 1);
             Trainer trainer = new Trainer(base, settings(3e-3, 1))) {
            List<StepMetrics> m = trainer.trainDemonstrations(DigitTasks.demonstrations(
                    List.of(DigitTasks.Task.COPY, DigitTasks.Task.SORT), pretrainSteps * BATCH, 1), Losses.sft(), 1);
            CheckpointDir.save(base, baseDir);
            System.out.printf(Locale.ROOT, "base: %,d parameters, pre-trained %d steps in %.1f s, final loss %.4f;"
                            + " COPY/SORT %s, REVERSE %s%n", base.parameterCount(), pretrainSteps, secondsSince(t0),
                    tail(m), fmt(TaskAccuracy.of(base, retainTest)), fmt(TaskAccuracy.of(base, revTest)));
        }
        System.out.printf(Locale.ROOT, "%-6s %-4s %10s %12s %8s %9s %12s %12s %10s %8s%n", "method", "stage", "trainable",
                "resident_B", "wall_s", "loss", "REV exact", "COPY/SORT", "pref_acc", "ref_acc");
        for (Method method : Method.values()) {
            run(method, baseDir, sftSteps, dpoSteps, revTest, retainTest, pairTest);
        }
    }

    private static void run(Method method, Path baseDir, int sftSteps, int dpoSteps, List<TokenizedDemonstration> revTest,
                            List<TokenizedDemonstration> retainTest, List<TokenizedPair> pairTest) {
        Transformer model = CheckpointDir.load(baseDir);
        QuantizedBase quantized = method == Method.QLORA
                ? QuantizedBase.quantize(model, LoraConfig.ALL_PROJECTIONS, true) : null;
        if (quantized != null) {
            System.out.printf(Locale.ROOT, "%-6s %-4s %10s %,12d %8s %9s %12s %12s%n", method, "base", "-",
                    4 * model.parameterCount() + quantized.stats().storedBytes(), "-", "-",
                    fmt(TaskAccuracy.of(model, revTest)), fmt(TaskAccuracy.of(model, retainTest)));
        }
        LoraAdapter lora = method == Method.FULL ? null : LoraAdapter.attach(model, LORA, 2);
        // SFT
        long t0 = System.nanoTime();
        List<StepMetrics> sft = train(model, lora, method, 1.0, trainer -> trainer.trainDemonstrations(
                DigitTasks.demonstrations(List.of(DigitTasks.Task.REVERSE), sftSteps * BATCH, 2), Losses.sft(), 1));
        double sftSeconds = secondsSince(t0);
        report(method, "SFT", model, lora, quantized, sftSeconds, tail(sft), revTest, retainTest, pairTest, null);

        // DPO: the reference is this method's SFT model
        if (lora != null) {
            model = mergeForDpo(model, lora, quantized);
            quantized = method == Method.QLORA ? QuantizedBase.quantize(model, LoraConfig.ALL_PROJECTIONS, true) : null;
            lora = LoraAdapter.attach(model, LORA, 3);
        }
        List<TokenizedPair> pairs = DigitTasks.reversePairs(dpoSteps * BATCH, 3);
        Transformer policy = model;
        LoraAdapter adapter = lora;
        t0 = System.nanoTime();
        ReferenceLogProbs reference = adapter == null ? ReferenceLogProbs.compute(policy, pairs, 64, DigitTasks.PAD)
                : adapter.withDisabled(() -> ReferenceLogProbs.compute(policy, pairs, 64, DigitTasks.PAD));
        ReferenceLogProbs testReference = adapter == null
                ? ReferenceLogProbs.compute(policy, pairTest, 64, DigitTasks.PAD)
                : adapter.withDisabled(() -> ReferenceLogProbs.compute(policy, pairTest, 64, DigitTasks.PAD));
        List<StepMetrics> dpo = train(model, lora, method, DPO_LR_FACTOR, trainer -> trainer.trainPairs(pairs, reference,
                Losses.dpo(BETA), 1));
        double dpoSeconds = secondsSince(t0);
        report(method, "DPO", model, lora, quantized, dpoSeconds, tail(dpo), revTest, retainTest, pairTest,
                testReference);
        if (lora != null) {
            lora.close();
        }
        model.close();
    }

    @FunctionalInterface
    private interface Stage {
        List<StepMetrics> run(Trainer trainer);
    }

    private static List<StepMetrics> train(Transformer model, LoraAdapter lora, Method method, double lrFactor,
                                           Stage stage) {
        Predicate<String> trainable = lora == null ? name -> true : LoraAdapter::isAdapterParameter;
        double lr = lrFactor * (method == Method.FULL ? FULL_LR : ADAPTER_LR);
        if (lora != null) {
            lora.setTraining(true);
        }
        try (Trainer trainer = new Trainer(model, settings(lr, 7), trainable)) {
            return stage.run(trainer);
        } finally {
            if (lora != null) {
                lora.setTraining(false);
            }
        }
    }

    /**
     * The SFT model as a plain float32 model for the DPO stage: LoRA merges the adapter into its weights; QLoRA
     * adds the adapter's update to the dequantised NF4 weights (what it was trained against) in a new model.
     */
    private static Transformer mergeForDpo(Transformer model, LoraAdapter lora, QuantizedBase quantized) {
        if (quantized == null) {
            lora.merge();
            lora.detach(true);
            return model;
        }
        java.util.Map<String, ai.djl.ndarray.NDArray> weights = new java.util.LinkedHashMap<>();
        try (ai.djl.ndarray.NDManager scratch = ai.djl.ndarray.NDManager.newBaseManager()) {
            model.parameters().forEach((name, p) -> {
                if (!LoraAdapter.isAdapterParameter(name)) {
                    weights.put(name, scratch.create(p.toFloatArray(), p.getShape()));
                }
            });
            for (String name : io.dno.core.model.ParameterNames.shapes(model.config()).keySet()) {
                if (!weights.containsKey(name)) {
                    ai.djl.ndarray.NDArray w = quantized.dequantized(name, scratch).add(lora.delta(name, scratch));
                    weights.put(name, w);
                }
            }
            Transformer merged = Transformer.fromWeights(model.config(), weights);
            lora.close();
            quantized.close();
            model.close();
            return merged;
        }
    }

    private static void report(Method method, String stage, Transformer model, LoraAdapter lora, QuantizedBase q,
                               double seconds, double loss, List<TokenizedDemonstration> revTest,
                               List<TokenizedDemonstration> retainTest, List<TokenizedPair> pairTest,
                               ReferenceLogProbs testReference) {
        long trainable = lora == null ? model.parameterCount() : lora.parameterCount();
        long resident = 4 * model.parameterCount() + (q == null ? 0 : q.stats().storedBytes());
        ReferenceLogProbs policy = ReferenceLogProbs.compute(model, pairTest, 64, DigitTasks.PAD);
        int prefers = 0;
        int rewardRight = 0;
        for (int i = 0; i < pairTest.size(); i++) {
            prefers += policy.chosen()[i] > policy.rejected()[i] ? 1 : 0;
            if (testReference != null) {
                double margin = (policy.chosen()[i] - testReference.chosen()[i])
                        - (policy.rejected()[i] - testReference.rejected()[i]);
                rewardRight += margin > 0 ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "%-6s %-4s %,10d %,12d %8.1f %9.4f %12s %12s %10.3f %8s%n", method, stage,
                trainable, resident, seconds, loss, fmt(TaskAccuracy.of(model, revTest)),
                fmt(TaskAccuracy.of(model, retainTest)), (double) prefers / pairTest.size(),
                testReference == null ? "-" : String.format(Locale.ROOT, "%.3f", (double) rewardRight / pairTest.size()));
    }

    private static TrainerSettings settings(double lr, long seed) {
        return TrainerSettings.defaults(lr, DigitTasks.PAD).withBatchSize(BATCH).withSeed(seed);
    }

    private static double tail(List<StepMetrics> steps) {
        return steps.subList(Math.max(0, steps.size() - 20), steps.size()).stream().mapToDouble(StepMetrics::loss)
                .average().orElse(Double.NaN);
    }

    private static String fmt(TaskAccuracy a) {
        return String.format(Locale.ROOT, "%.3f/%.3f", a.exact(), a.token());
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
