package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransformerTest {

    @Test
    void createsEveryHfParameterWithItsShape() {
        try (Transformer model = Transformer.random(TinyConfigs.qwen2GqaUntied(), 1)) {
            assertEquals(ParameterNames.shapes(model.config()).keySet(), model.parameters().keySet());
            assertEquals(new Shape(8, 32), model.parameters().get("model.layers.1.self_attn.k_proj.weight").getShape());
            assertEquals(new Shape(8), model.parameters().get("model.layers.0.self_attn.v_proj.bias").getShape());
            assertTrue(model.parameters().containsKey(ParameterNames.LM_HEAD));
            assertEquals(1f, model.parameters().get(ParameterNames.FINAL_NORM).getFloat(3));
        }
    }

    @Test
    void sameSeedGivesSameWeightsAndOtherSeedDifferent() {
        try (Transformer a = Transformer.random(TinyConfigs.llamaGqaTied(), 7);
             Transformer b = Transformer.random(TinyConfigs.llamaGqaTied(), 7);
             Transformer c = Transformer.random(TinyConfigs.llamaGqaTied(), 8)) {
            NDArray wa = a.parameters().get(ParameterNames.EMBED);
            assertEquals(0f, wa.sub(b.parameters().get(ParameterNames.EMBED)).abs().max().getFloat());
            assertTrue(wa.sub(c.parameters().get(ParameterNames.EMBED)).abs().max().getFloat() > 1e-3f);
            float std = (float) Math.sqrt(wa.square().mean().getFloat());
            assertEquals(0.02f, std, 0.002f);
        }
    }

    @Test
    void kvCacheDecodingMatchesFullForward() {
        for (TransformerConfig config : TinyConfigs.all()) {
            try (Transformer model = Transformer.random(config, 3); NDManager m = model.manager().newSubManager()) {
                // given two rows, the second left-padded by 3
                long[][] rows = {randomIds(12, 1), randomIds(12, 2)};
                NDArray ids = m.create(rows);                                              // (2, 12)
                NDArray mask = m.ones(new Shape(2, 12)).toType(ai.djl.ndarray.types.DataType.INT64, false);
                mask.set(new NDIndex("1, :3"), 0);
                NDArray full = model.logits(ids, mask);                                    // (2, 12, V)
                // when prefilled with 7 tokens then fed one token at a time
                try (KvCache cache = model.newCache(m, 2, 12)) {
                    NDArray pre = model.logits(ids.get(":, :7"), mask.get(":, :7"), cache);
                    float diff = maxDiff(pre, full.get(":, :7"), mask.get(":, :7"));
                    for (int t = 7; t < 12; t++) {
                        NDArray step = model.logits(ids.get(":, {}:{}", t, t + 1), mask.get(":, {}:{}", t, t + 1),
                                cache);
                        diff = Math.max(diff, maxDiff(step, full.get(":, {}:{}", t, t + 1),
                                mask.get(":, {}:{}", t, t + 1)));
                    }
                    // then the logits of every real position agree
                    assertTrue(diff < 1e-5f, config.modelType() + ": max |cache - full| = " + diff);
                    assertEquals(12, cache.length());
                }
            }
        }
    }

    @Test
    void leftAndRightPaddedBatchesMatchOneByOne() {
        for (TransformerConfig config : TinyConfigs.all()) {
            try (Transformer model = Transformer.random(config, 4); NDManager m = model.manager().newSubManager()) {
                List<int[]> prompts = List.of(ints(randomIds(3, 5)), ints(randomIds(9, 6)), ints(randomIds(1, 7)));
                List<int[]> responses = List.of(ints(randomIds(6, 8)), ints(randomIds(2, 9)), ints(randomIds(4, 10)));
                float[] single = new float[3];
                NDArray[] singleTokens = new NDArray[3];
                for (int i = 0; i < 3; i++) {
                    SequenceLogProbs one = LogProbs.sequences(model, m, List.of(prompts.get(i)),
                            List.of(responses.get(i)), ByteTokenizer.PAD);
                    single[i] = one.sums().getFloat(0);
                    singleTokens[i] = one.tokenLogProbs().get(0);
                }
                for (Padding padding : Padding.values()) {
                    SequenceLogProbs batch = LogProbs.sequences(model, m, prompts, responses, ByteTokenizer.PAD,
                            padding);
                    long t = batch.tokenLogProbs().getShape().get(1);
                    for (int i = 0; i < 3; i++) {
                        assertEquals(single[i], batch.sums().getFloat(i), 1e-5f, config.modelType() + " " + padding);
                        long len = singleTokens[i].getShape().get(0);
                        NDArray row = padding == Padding.RIGHT
                                ? batch.tokenLogProbs().get(new NDIndex("{}, :{}", i, len))
                                : batch.tokenLogProbs().get(new NDIndex("{}, {}:", i, t - len));
                        float diff = row.sub(singleTokens[i]).abs().max().getFloat();
                        assertTrue(diff < 1e-5f, config.modelType() + " " + padding + " row " + i + ": " + diff);
                        assertEquals(responses.get(i).length, batch.tokenCounts().getFloat(i));
                    }
                }
            }
        }
    }

    static float maxDiff(NDArray a, NDArray b, NDArray mask) {
        NDArray real = mask.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).expandDims(2); // (B, T, 1)
        return a.sub(b).abs().mul(real).max().getFloat();
    }

    static long[] randomIds(int n, long seed) {
        Random r = new Random(seed);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 3 + r.nextInt(ByteTokenizer.VOCAB - 3);
        }
        return ids;
    }

    static int[] ints(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }
}
