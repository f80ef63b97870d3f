package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The one-call decoding step computes what the NDArray path computes with a KV cache: the same logits, the same
 * cache contents, and on-device argmax ids equal to argmax of those logits, for every architecture (GQA, q/k/v
 * biases, tied and untied heads) and a left-padded batch.
 */
class FusedDecodeTest {
    private static final long[][] PROMPTS = {{0, 0, 0, 5, 9, 30}, {1, 9, 30, 4, 17, 88}};   // row 0 left-padded
    private static final long[][] MASK = {{0, 0, 0, 1, 1, 1}, {1, 1, 1, 1, 1, 1}};

    @Test
    void stepsMatchTheNdArrayPath() {
        for (TransformerConfig config : TinyConfigs.all()) {
            try (Transformer model = Transformer.random(config, 31);
                 NDManager m = model.manager().newSubManager();
                 KvCache plain = model.newCache(m, 2, 16);
                 KvCache fusedCache = model.newCache(m, 2, 16);
                 FusedDecode fused = new FusedDecode(model)) {
                assertTrue(FusedDecode.supports(model));
                NDArray ids = m.create(PROMPTS);
                NDArray mask = m.create(MASK);
                model.logits(ids, mask, plain);
                model.logits(ids, mask, fusedCache);
                int[] next = {3, 7};
                for (int step = 0; step < 6; step++) {
                    float[] expected = model.logits(m.create(new long[][] {{next[0]}, {next[1]}}),
                            m.ones(new Shape(2, 1)), plain).toFloatArray();                    // (2, 1, V)
                    float[] actual = step % 2 == 0 ? fused.logits(next, fusedCache) : null;
                    int vocab = config.vocabSize();
                    int[] argmax = {TokenSampler.argmax(expected, 0, vocab), TokenSampler.argmax(expected, vocab, vocab)};
                    if (actual != null) {
                        assertArrayEquals(expected, actual, 1e-5f, config.modelType() + " step " + step);
                    } else {
                        assertArrayEquals(argmax, fused.greedy(next, fusedCache, vocab), config.modelType() + " step " + step);
                    }
                    assertEquals(plain.length(), fusedCache.length());
                    next = argmax;
                }
                for (int l = 0; l < config.numHiddenLayers(); l++) {
                    float diff = plain.keys()[l].sub(fusedCache.keys()[l]).abs().max().getFloat()
                            + plain.values()[l].sub(fusedCache.values()[l]).abs().max().getFloat();
                    assertTrue(diff < 1e-5f, config.modelType() + " layer " + l + " cache differs by " + diff);
                }
                assertArrayEquals(plain.mask().toFloatArray(), fusedCache.mask().toFloatArray());
            }
        }
    }

    @Test
    void greedyArgmaxStaysBelowTheSampledVocabulary() {
        try (Transformer model = Transformer.random(TinyConfigs.llamaGqaTied(), 32);
             NDManager m = model.manager().newSubManager();
             KvCache cache = model.newCache(m, 2, 8);
             FusedDecode fused = new FusedDecode(model)) {
            model.logits(m.create(PROMPTS), m.create(MASK), cache);
            int[] ids = fused.greedy(new int[] {3, 7}, cache, 2);
            for (int id : ids) {
                assertTrue(id == 0 || id == 1, "id " + id + " is outside the sampled vocabulary of 2");
            }
        }
    }

    @Test
    void lowRankProjectionsBf16AndTheNaiveKernelTakeTheNdArrayPath() {
        try (Transformer model = Transformer.random(TinyConfigs.mistralMha(), 33)) {
            assertTrue(FusedDecode.supports(model));
            assertFalse(FusedDecode.supports(model.setPrecision(Precision.BF16)));
            model.setPrecision(Precision.F32);
            assertFalse(FusedDecode.supports(model.setAttentionKernel(AttentionKernel.NAIVE)));
            model.setAttentionKernel(AttentionKernel.FUSED);
            model.setProjection((name, x, w) -> Projection.PLAIN.apply(name, x, w));
            assertFalse(FusedDecode.supports(model));
        }
    }
}
