package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.dno.core.policy.SamplingParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fused kernel computes what the NDArray path computes: logits, gradients, cached decoding, samples. */
class FusedAttentionTest {
    private static final long[][] IDS = {{1, 9, 30, 4, 17, 88, 2, 61, 5, 12}, {7, 7, 3, 99, 41, 6, 23, 8, 14, 70}};

    @Test
    void fusedIsTheDefaultAndNaiveCanBeChosen() {
        try (Transformer model = Transformer.random(TinyConfigs.mistralMha(), 1)) {
            assertEquals(AttentionKernel.FUSED, model.attentionKernel());
            assertEquals(AttentionKernel.NAIVE, model.setAttentionKernel(AttentionKernel.NAIVE).attentionKernel());
        }
    }

    @Test
    void logitsMatchWithAndWithoutPadding() {
        for (TransformerConfig config : TinyConfigs.all()) {
            try (Transformer model = Transformer.random(config, 11); NDManager m = model.manager().newSubManager()) {
                NDArray ids = m.create(IDS);                                             // (2, 10)
                NDArray full = m.ones(new Shape(2, 10)).toType(DataType.INT64, false);
                NDArray padded = full.duplicate();
                padded.set(new NDIndex("1, :4"), 0);                                     // row 1 left-padded by 4
                for (NDArray mask : List.of(full, padded)) {
                    NDArray naive = model.setAttentionKernel(AttentionKernel.NAIVE).logits(ids, mask);
                    NDArray fused = model.setAttentionKernel(AttentionKernel.FUSED).logits(ids, mask);
                    float diff = naive.sub(fused).mul(mask.toType(DataType.FLOAT32, false).expandDims(2))
                            .abs().max().getFloat();
                    assertTrue(diff < 1e-4f, config.modelType() + ": max |naive - fused| = " + diff);
                }
            }
        }
    }

    @Test
    void gradientsMatch() {
        for (TransformerConfig config : TinyConfigs.all()) {
            try (Transformer model = Transformer.random(config, 12)) {
                Map<String, float[]> naive = gradients(model, AttentionKernel.NAIVE);
                Map<String, float[]> fused = gradients(model, AttentionKernel.FUSED);
                for (String name : naive.keySet()) {
                    float[] a = naive.get(name);
                    float[] b = fused.get(name);
                    float scale = 1e-6f;
                    float diff = 0;
                    for (int i = 0; i < a.length; i++) {
                        scale = Math.max(scale, Math.abs(a[i]));
                        diff = Math.max(diff, Math.abs(a[i] - b[i]));
                    }
                    assertTrue(diff <= 1e-3f * scale, config.modelType() + " " + name + ": max grad diff " + diff
                            + " at max |grad| " + scale);
                }
            }
        }
    }

    @Test
    void cachedGreedyDecodingGivesTheSameTokens() {
        try (Transformer model = Transformer.random(TinyConfigs.qwen2GqaUntied(), 13)) {
            List<int[]> prompts = List.of(new int[] {1, 5, 9}, new int[] {4, 8, 15, 16, 23});  // left-padded batch
            SamplingParams greedy = SamplingParams.builder().samplesPerPrompt(2).temperature(0.0).topP(1.0)
                    .maxNewTokens(16).build();
            Generator generator = new Generator(model, 0, Set.of(), t -> false);
            model.setAttentionKernel(AttentionKernel.NAIVE);
            var naive = generator.generate(prompts, greedy);
            model.setAttentionKernel(AttentionKernel.FUSED);
            var fused = generator.generate(prompts, greedy);
            for (int p = 0; p < prompts.size(); p++) {
                for (int s = 0; s < 2; s++) {
                    assertEquals(java.util.Arrays.toString(naive.get(p).get(s).tokens()),
                            java.util.Arrays.toString(fused.get(p).get(s).tokens()), "prompt " + p);
                }
            }
        }
    }

    private static Map<String, float[]> gradients(Transformer model, AttentionKernel kernel) {
        model.setAttentionKernel(kernel);
        Map<String, float[]> out = new LinkedHashMap<>();
        model.parameters().values().forEach(p -> p.setRequiresGradient(true));
        try (NDManager m = model.manager().newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray ids = m.create(IDS);
            NDArray mask = m.ones(new Shape(2, 10));
            mask.set(new NDIndex("0, :2"), 0);
            NDArray logits = model.logits(ids, mask);                                   // (2, 10, V)
            java.util.SplittableRandom rng = new java.util.SplittableRandom(3);               // same w both runs
            float[] w = new float[Math.toIntExact(logits.size())];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rng.nextGaussian();
            }
            NDArray weights = m.create(w, logits.getShape()).mul(mask.expandDims(2)); // padded queries: no loss
            gc.backward(logits.mul(weights).sum());
        }
        model.parameters().forEach((name, p) -> {
            NDArray g = p.getGradient();
            out.put(name, g.toFloatArray());
            g.subi(g);                                                                  // zero for the next run
        });
        model.parameters().values().forEach(p -> p.setRequiresGradient(false));
        return out;
    }
}
