package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {
    private static final float[] LOGITS = {2f, 1f, 0.5f, 0f, -1f, -3f};
    private static final int DRAWS = 40_000;

    @Test
    void greedyIsArgmax() {
        float[] logits = {0.1f, 3f, -2f, 3f, 1f};
        assertEquals(1, new TokenSampler(0, 0, 1).sample(logits, 0, 5, new SplittableRandom(1)));
        assertEquals(1, new TokenSampler(0, 0, 1).sample(new float[] {9, 9, 0, 1, 5, 2}, 3, 3, new SplittableRandom(1)));
    }

    @Test
    void temperatureOneFollowsSoftmax() {
        assertFrequencies(new TokenSampler(1, 0, 1), softmax(LOGITS, 1));
    }

    @Test
    void temperatureSharpensTheDistribution() {
        double[] expected = softmax(LOGITS, 0.5);
        assertFrequencies(new TokenSampler(0.5, 0, 1), expected);
        assertTrue(expected[0] > softmax(LOGITS, 1)[0]);
    }

    @Test
    void topKKeepsTheKMostLikely() {
        double e = Math.exp(1);
        assertFrequencies(new TokenSampler(1, 2, 1), new double[] {e / (e + 1), 1 / (e + 1), 0, 0, 0, 0});
    }

    @Test
    void topPKeepsTheSmallestPrefixReachingP() {
        double[] p = softmax(LOGITS, 1); // .574 .211 .128 .078 .029 .004
        // 0.8: .574 < .8 keep next; .785 < .8 keep next; .913 >= .8 stop -> three tokens
        double kept = p[0] + p[1] + p[2];
        assertFrequencies(new TokenSampler(1, 0, 0.8), new double[] {p[0] / kept, p[1] / kept, p[2] / kept, 0, 0, 0});
        // a tiny p keeps only the most likely token
        assertFrequencies(new TokenSampler(1, 0, 0.01), new double[] {1, 0, 0, 0, 0, 0});
    }

    @Test
    void topPKeepsExactlyWhatAStableSortOfTheTokensKeeps() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(17);
        for (int trial = 0; trial < 300; trial++) {
            int vocab = 1 + rng.nextInt(300);
            float[] logits = new float[vocab];
            for (int i = 0; i < vocab; i++) {
                // few distinct values: many exact ties, the case where ids decide who is kept
                logits[i] = trial % 2 == 0 ? rng.nextInt(4) : (float) rng.nextGaussian() * 3;
            }
            double topP = 0.05 + 0.95 * rng.nextDouble();
            double temperature = 0.3 + rng.nextDouble();
            double[] actual = new TokenSampler(temperature, 0, topP).probabilities(logits, 0, vocab);
            double[] expected = new TokenSampler(temperature, 0, 1.0).probabilities(logits, 0, vocab);
            stableSortNucleus(expected, topP);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 0.0, "trial " + trial);
        }
    }

    /** The nucleus as a stable sort of token ids by probability defines it (the implementation before issue 20). */
    private static void stableSortNucleus(double[] probs, double topP) {
        Integer[] order = new Integer[probs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
        double before = 0;
        double kept = 0;
        for (int idx : order) {
            if (before < topP || before == 0) {
                before += probs[idx];
                kept += probs[idx];
            } else {
                before += probs[idx];
                probs[idx] = 0;
            }
        }
        for (int i = 0; i < probs.length; i++) {
            probs[i] /= kept;
        }
    }

    @Test
    void sameSeedSameDrawsOtherSeedOtherDraws() {
        TokenSampler s = new TokenSampler(1, 0, 1);
        int[] a = draws(s, 5, 200);
        assertArrayEquals(a, draws(s, 5, 200));
        assertTrue(!java.util.Arrays.equals(a, draws(s, 6, 200)));
    }

    private static int[] draws(TokenSampler s, long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.sample(LOGITS, 0, LOGITS.length, rng);
        }
        return out;
    }

    /** Chi-square goodness of fit over the categories with expected mass; zero-mass categories must never occur. */
    private static void assertFrequencies(TokenSampler sampler, double[] expected) {
        int[] counts = new int[expected.length];
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < DRAWS; i++) {
            counts[sampler.sample(LOGITS, 0, LOGITS.length, rng)]++;
        }
        double chi2 = 0;
        int dof = -1;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == 0) {
                assertEquals(0, counts[i], "token " + i + " is outside the kept set");
            } else {
                double e = expected[i] * DRAWS;
                chi2 += (counts[i] - e) * (counts[i] - e) / e;
                dof++;
            }
        }
        // 99.9% quantile of chi-square with <= 5 degrees of freedom is at most 20.5
        assertTrue(chi2 < 20.5, "chi2 " + chi2 + " with " + dof + " dof, counts " + java.util.Arrays.toString(counts));
    }

    private static double[] softmax(float[] logits, double t) {
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] / t);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
