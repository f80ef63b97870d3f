package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dno.core.policy.SamplingParams;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    private static final List<int[]> PROMPTS = List.of(new int[] {1, 5, 6, 7, 8, 9}, new int[] {1, 10},
            new int[] {1, 11, 12, 13});

    @Test
    void greedyBatchedDecodingEqualsArgmaxOfFullRecomputeOneByOne() {
        try (Transformer model = Transformer.random(TinyConfigs.qwen2GqaUntied(), 21)) {
            List<List<Generation>> out = new Generator(model, 0, Set.of(), t -> false)
                    .generate(PROMPTS, SamplingParams.greedy(8));
            for (int i = 0; i < PROMPTS.size(); i++) {
                Generation g = out.get(i).get(0);
                assertArrayEquals(greedyByRecompute(model, PROMPTS.get(i), 8), g.tokens(), "prompt " + i);
                assertEquals(Generation.Finish.LENGTH, g.finish());
            }
        }
    }

    @Test
    void sameSeedSameSamplesOtherSeedOtherSamples() {
        try (Transformer model = Transformer.random(TinyConfigs.llamaGqaTied(), 22)) {
            Generator gen = new Generator(model, 0, Set.of(), t -> false);
            SamplingParams params = SamplingParams.builder().samplesPerPrompt(3).temperature(1.0).topP(0.95)
                    .topK(50).maxNewTokens(12).seed(5).build();
            List<List<Generation>> a = gen.generate(PROMPTS, params);
            List<List<Generation>> b = gen.generate(PROMPTS, params);
            List<List<Generation>> c = gen.generate(PROMPTS, params.withSeed(6));
            assertEquals(3, a.size());
            assertEquals(3, a.get(0).size());
            assertEquals(tokens(a), tokens(b));
            assertNotEquals(tokens(a), tokens(c));
            // the n samples of one prompt differ from each other
            assertNotEquals(Arrays.toString(a.get(0).get(0).tokens()), Arrays.toString(a.get(0).get(1).tokens()));
        }
    }

    @Test
    void endOfSequenceAndStopConditionEndRowsEarly() {
        try (Transformer model = Transformer.random(TinyConfigs.qwen2GqaUntied(), 23)) {
            int[] greedy = new Generator(model, 0, Set.of(), t -> false)
                    .generate(List.of(PROMPTS.get(0)), SamplingParams.greedy(12)).get(0).get(0).tokens();
            // the first greedy token not seen before, declared EOS: the row ends just before it
            int k = firstNewToken(greedy);
            assertTrue(k < greedy.length, "greedy continuation repeats one token: " + Arrays.toString(greedy));
            Generation eos = new Generator(model, 0, Set.of(greedy[k]), t -> false)
                    .generate(List.of(PROMPTS.get(0)), SamplingParams.greedy(12)).get(0).get(0);
            assertArrayEquals(Arrays.copyOf(greedy, k), eos.tokens());
            assertEquals(Generation.Finish.EOS, eos.finish());
            // a stop condition on the 4th token keeps it and stops
            Generation stop = new Generator(model, 0, Set.of(), t -> t.length == 4)
                    .generate(List.of(PROMPTS.get(0)), SamplingParams.greedy(12)).get(0).get(0);
            assertArrayEquals(Arrays.copyOf(greedy, 4), stop.tokens());
            assertEquals(Generation.Finish.STOP, stop.finish());
        }
    }

    @Test
    void firstTokenFrequenciesFollowTheModelsTemperedTruncatedDistribution() {
        TransformerConfig config = TransformerConfig.llama(8, 16, 32, 1, 2, 1, 32);
        try (Transformer model = Transformer.random(config, 24); NDManager m = model.manager().newSubManager()) {
            model.parameters().get(ParameterNames.LM_HEAD).muli(60); // a peaked, non-uniform next-token law
            int[] prompt = {1, 3, 4};
            float[] logits = model.logits(m.create(new long[][] {{1, 3, 4}}), m.ones(new Shape(1, 3)))
                    .get(0, 2).toFloatArray();
            SamplingParams params = SamplingParams.builder().samplesPerPrompt(3000).temperature(0.8).topP(0.9)
                    .topK(4).maxNewTokens(1).seed(9).build();
            double[] expected = new TokenSampler(0.8, 4, 0.9).probabilities(logits, 0, 8);
            int[] counts = new int[8];
            for (Generation g : new Generator(model, 0, Set.of(), t -> false).generate(List.of(prompt), params).get(0)) {
                counts[g.tokens()[0]]++;
            }
            double chi2 = 0;
            for (int i = 0; i < 8; i++) {
                if (expected[i] == 0) {
                    assertEquals(0, counts[i], "token " + i + " is outside top-k/top-p but was sampled");
                } else {
                    double e = expected[i] * params.n();
                    chi2 += (counts[i] - e) * (counts[i] - e) / e;
                }
            }
            assertTrue(chi2 < 16.3, "chi2 " + chi2 + " (<= 3 dof, p = 0.001), counts " + Arrays.toString(counts)
                    + " expected " + Arrays.toString(expected));
        }
    }

    /** The first index >= 1 whose token does not occur earlier in {@code a} (a.length if none). */
    private static int firstNewToken(int[] a) {
        for (int k = 1; k < a.length; k++) {
            int token = a[k];
            if (Arrays.stream(a, 0, k).noneMatch(x -> x == token)) {
                return k;
            }
        }
        return a.length;
    }

    private static int[] greedyByRecompute(Transformer model, int[] prompt, int steps) {
        int[] seq = prompt.clone();
        try (NDManager m = model.manager().newSubManager()) {
            for (int s = 0; s < steps; s++) {
                long[] ids = Arrays.stream(seq).asLongStream().toArray();
                NDArray logits = model.logits(m.create(ids, new Shape(1, ids.length)),
                        m.ones(new Shape(1, ids.length)));                                  // (1, T, V)
                int next = (int) logits.get(0, seq.length - 1).argMax().getLong();
                seq = Arrays.copyOf(seq, seq.length + 1);
                seq[seq.length - 1] = next;
            }
        }
        return Arrays.copyOfRange(seq, prompt.length, seq.length);
    }

    private static List<String> tokens(List<List<Generation>> out) {
        return out.stream().flatMap(List::stream).map(g -> Arrays.toString(g.tokens())).toList();
    }
}
