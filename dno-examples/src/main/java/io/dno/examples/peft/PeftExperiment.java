package io.dno.examples.peft;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.peft.LoraConfig;
import io.dno.core.peft.QuantizedBase;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
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
 *   <li>Report per stage ({@link PeftReport}): REVERSE accuracy on held-out prompts, COPY/SORT retention, DPO
 *       preference accuracy on held-out pairs, trainable parameters, resident bytes, wall time, and how far the
 *       weights outside the adapter moved (0 when the base stayed frozen).</li>
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

    /** How the experiment fine-tunes the base. */
    public enum Method {
        /** Every weight trained. */
        FULL,
        /** A LoRA adapter on every projection, the float32 base frozen. */
        LORA,
        /** A LoRA adapter on every projection of an NF4-quantised, frozen base. */
        QLORA
    }

    private PeftExperiment() {}

    static TransformerConfig config() {
        return TransformerConfig.llama(DigitTasks.VOCAB, 64, 128, 2, 4, 2, 32).withTiedEmbeddings(true);
    }

    public static void main(String[] args) throws IOException {
        int pretrainSteps = stepsArgument(args, 0, "pretrainSteps", 3000);
        int sftSteps = stepsArgument(args, 1, "sftSteps", 400);
        int dpoSteps = stepsArgument(args, 2, "dpoSteps", 300);
        System.out.print(run(pretrainSteps, sftSteps, dpoSteps, Files.createTempDirectory("dno-peft-base")).table());
    }

    /**
     * Pre-trains the base for {@code pretrainSteps} steps (saved under {@code workDir/base}), then fine-tunes it
     * with each {@link Method}: {@code sftSteps} steps of SFT, then {@code dpoSteps} steps of DPO; batch 32.
     */
    public static PeftReport run(int pretrainSteps, int sftSteps, int dpoSteps, Path workDir) {
        checkArgument(pretrainSteps >= 1 && sftSteps >= 1 && dpoSteps >= 1,
                "pretrainSteps, sftSteps and dpoSteps must each be >= 1, got %s, %s and %s", pretrainSteps, sftSteps,
                dpoSteps);
        Path baseDir = workDir.resolve("base");
        List<TokenizedDemonstration> revTest = DigitTasks.demonstrations(List.of(DigitTasks.Task.REVERSE), EVAL, 101);
        List<TokenizedDemonstration> retainTest = DigitTasks.demonstrations(
                List.of(DigitTasks.Task.COPY, DigitTasks.Task.SORT), EVAL, 102);
        List<TokenizedPair> pairTest = DigitTasks.reversePairs(EVAL, 103);

        PeftReport.Base base;
        long t0 = System.nanoTime();
        try (Transformer model = Transformer.random(config(), 1);
             Trainer trainer = new Trainer(model, settings(3e-3, 1))) {
            List<StepMetrics> m = trainer.trainDemonstrations(DigitTasks.demonstrations(
                    List.of(DigitTasks.Task.COPY, DigitTasks.Task.SORT), pretrainSteps * BATCH, 1), Losses.sft(), 1);
            CheckpointDir.save(model, baseDir);
            double seconds = secondsSince(t0);
            base = new PeftReport.Base(model.parameterCount(), pretrainSteps, seconds, tail(m),
                    TaskAccuracy.of(model, retainTest), TaskAccuracy.of(model, revTest));
        }
        List<PeftReport.Row> rows = new ArrayList<>();
        for (Method method : Method.values()) {
            rows.addAll(run(method, baseDir, sftSteps, dpoSteps, revTest, retainTest, pairTest));
        }
        return new PeftReport(base, rows);
    }

    private static List<PeftReport.Row> run(Method method, Path baseDir, int sftSteps, int dpoSteps,
                                            List<TokenizedDemonstration> revTest,
                                            List<TokenizedDemonstration> retainTest, List<TokenizedPair> pairTest) {
        List<PeftReport.Row> rows = new ArrayList<>();
        Transformer model = CheckpointDir.load(baseDir);
        QuantizedBase quantized = method == Method.QLORA
                ? QuantizedBase.quantize(model, LoraConfig.ALL_PROJECTIONS, true) : null;
        if (quantized != null) {
            rows.add(new PeftReport.Row(method, PeftReport.Stage.BASE, 0,
                    4 * model.parameterCount() + quantized.stats().storedBytes(), 0, OptionalDouble.empty(),
                    OptionalDouble.empty(), TaskAccuracy.of(model, revTest), TaskAccuracy.of(model, retainTest),
                    OptionalDouble.empty(), OptionalDouble.empty()));
        }
        LoraAdapter lora = method == Method.FULL ? null : LoraAdapter.attach(model, LORA, 2);
        // SFT
        Map<String, float[]> before = baseWeights(model);
        long t0 = System.nanoTime();
        List<StepMetrics> sft = train(model, lora, method, 1.0, trainer -> trainer.trainDemonstrations(
                DigitTasks.demonstrations(List.of(DigitTasks.Task.REVERSE), sftSteps * BATCH, 2), Losses.sft(), 1));
        double sftSeconds = secondsSince(t0);
        rows.add(row(method, PeftReport.Stage.SFT, model, lora, quantized, maxChange(before, model), sftSeconds,
                tail(sft), revTest, retainTest, pairTest, null));

        // DPO: the reference is this method's SFT model
        if (lora != null) {
            model = mergeForDpo(model, lora, quantized);
            quantized = method == Method.QLORA ? QuantizedBase.quantize(model, LoraConfig.ALL_PROJECTIONS, true) : null;
            lora = LoraAdapter.attach(model, LORA, 3);
        }
        List<TokenizedPair> pairs = DigitTasks.reversePairs(dpoSteps * BATCH, 3);
        Transformer policy = model;
        LoraAdapter adapter = lora;
        before = baseWeights(model);
        t0 = System.nanoTime();
        ReferenceLogProbs reference = adapter == null ? ReferenceLogProbs.compute(policy, pairs, 64, DigitTasks.PAD)
                : adapter.withDisabled(() -> ReferenceLogProbs.compute(policy, pairs, 64, DigitTasks.PAD));
        ReferenceLogProbs testReference = adapter == null
                ? ReferenceLogProbs.compute(policy, pairTest, 64, DigitTasks.PAD)
                : adapter.withDisabled(() -> ReferenceLogProbs.compute(policy, pairTest, 64, DigitTasks.PAD));
        List<StepMetrics> dpo = train(model, lora, method, DPO_LR_FACTOR, trainer -> trainer.trainPairs(pairs, reference,
                Losses.dpo(BETA), 1));
        double dpoSeconds = secondsSince(t0);
        rows.add(row(method, PeftReport.Stage.DPO, model, lora, quantized, maxChange(before, model), dpoSeconds,
                tail(dpo), revTest, retainTest, pairTest, testReference));
        if (lora != null) {
            lora.close();
        }
        model.close();
        return rows;
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
        Map<String, ai.djl.ndarray.NDArray> weights = new LinkedHashMap<>();
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

    private static PeftReport.Row row(Method method, PeftReport.Stage stage, Transformer model, LoraAdapter lora,
                                      QuantizedBase q, double baseWeightChange, double seconds, double loss,
                                      List<TokenizedDemonstration> revTest, List<TokenizedDemonstration> retainTest,
                                      List<TokenizedPair> pairTest, ReferenceLogProbs testReference) {
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
        return new PeftReport.Row(method, stage, trainable, resident, baseWeightChange, OptionalDouble.of(seconds),
                OptionalDouble.of(loss), TaskAccuracy.of(model, revTest), TaskAccuracy.of(model, retainTest),
                OptionalDouble.of((double) prefers / pairTest.size()), testReference == null ? OptionalDouble.empty()
                        : OptionalDouble.of((double) rewardRight / pairTest.size()));
    }

    /** A copy of every weight outside the LoRA adapter (all of them for full fine-tuning). */
    private static Map<String, float[]> baseWeights(Transformer model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.parameters().forEach((name, p) -> {
            if (!LoraAdapter.isAdapterParameter(name)) {
                out.put(name, p.toFloatArray());
            }
        });
        return out;
    }

    /** The largest absolute difference between {@code before} and the model's weights of the same names now. */
    private static double maxChange(Map<String, float[]> before, Transformer model) {
        double max = 0;
        for (Map.Entry<String, float[]> e : before.entrySet()) {
            float[] now = model.parameters().get(e.getKey()).toFloatArray();
            for (int i = 0; i < now.length; i++) {
                max = Math.max(max, Math.abs(now[i] - e.getValue()[i]));
            }
        }
        return max;
    }

    /** The {@code index}-th argument as a step count, {@code fallback} when absent. */
    private static int stepsArgument(String[] args, int index, String name, int fallback) {
        if (args.length <= index) {
            return fallback;
        }
        try {
            return Integer.parseInt(args[index]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument " + (index + 1) + " (" + name
                    + ") must be a whole number, got '" + args[index] + "'; usage: PeftExperiment [pretrainSteps=3000] [sftSteps=400] [dpoSteps=300]", e);
        }
    }

    private static TrainerSettings settings(double lr, long seed) {
        return TrainerSettings.defaults(lr, DigitTasks.PAD).withBatchSize(BATCH).withSeed(seed);
    }

    private static double tail(List<StepMetrics> steps) {
        return steps.subList(Math.max(0, steps.size() - 20), steps.size()).stream().mapToDouble(StepMetrics::loss)
                .average().orElse(Double.NaN);
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
