package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dno.core.policy.SamplingParams;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fused kernel computes what the NDArray path computes: logits, gradients, cached decoding, samples. */
class FusedAttentionTest {
    private static final long[][] IDS = LogitGradients.IDS;

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
                Map<String, float[]> naive = LogitGradients.of(model.setAttentionKernel(AttentionKernel.NAIVE), 2);
                Map<String, float[]> fused = LogitGradients.of(model.setAttentionKernel(AttentionKernel.FUSED), 2);
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
}
