package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws the next token from one row of logits on the CPU, with HF's warper order: temperature, then top-k
 * (keep tokens whose logit is ≥ the k-th largest), then top-p (nucleus, Holtzman et al. 2019: keep the most
 * likely tokens until their mass reaches p; the most likely token is always kept). Temperature 0 is greedy
 * argmax (first index on ties). The uniform comes from the caller's seeded generator, so a row's tokens are
 * a function of its logits and its own random stream only.
 */
public final class TokenSampler {
    private final double temperature;
    private final int topK;
    private final double topP;

    public TokenSampler(double temperature, int topK, double topP) {
        checkArgument(temperature >= 0 && Double.isFinite(temperature), "temperature must be >= 0, got %s",
                temperature);
        checkArgument(topK >= 0, "topK must be >= 0 (0 = off), got %s", topK);
        checkArgument(topP > 0 && topP <= 1, "topP must be in (0, 1], got %s", topP);
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
    }

    /** Samples from {@code logits[offset .. offset + vocab)}. */
    public int sample(float[] logits, int offset, int vocab, SplittableRandom rng) {
        if (temperature == 0) {
            return argmax(logits, offset, vocab);
        }
        double[] probs = probabilities(logits, offset, vocab);
        double total = 0;
        for (double p : probs) {
            total += p;
        }
        double u = rng.nextDouble() * total;
        double cum = 0;
        int last = -1;
        for (int i = 0; i < vocab; i++) {
            if (probs[i] > 0) {
                cum += probs[i];
                last = i;
                if (u < cum) {
                    return i;
                }
            }
        }
        return last; // rounding: u landed at the very top of the mass
    }

    /** The distribution sampled from (after temperature, top-k and top-p), normalised; for tests and tools. */
    public double[] probabilities(float[] logits, int offset, int vocab) {
        checkArgument(temperature > 0, "greedy decoding (temperature 0) has no sampling distribution");
        double[] scaled = new double[vocab];
        for (int i = 0; i < vocab; i++) {
            scaled[i] = logits[offset + i] / temperature;
        }
        if (topK > 0 && topK < vocab) {
            double[] sorted = scaled.clone();
            Arrays.sort(sorted);
            double kth = sorted[vocab - topK];
            for (int i = 0; i < vocab; i++) {
                if (scaled[i] < kth) {
                    scaled[i] = Double.NEGATIVE_INFINITY;
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scaled) {
            max = Math.max(max, s);
        }
        double[] probs = new double[vocab];
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            probs[i] = Math.exp(scaled[i] - max);
            sum += probs[i];
        }
        for (int i = 0; i < vocab; i++) {
            probs[i] /= sum;
        }
        if (topP < 1) {
            nucleus(probs);
        }
        return probs;
    }

    /**
     * Zeroes every token outside the nucleus and renormalises. The nucleus is the prefix, in the order probability
     * descending then id ascending, of tokens whose more likely predecessors hold less than p of the mass (at least
     * one token). Found from a primitive sort of the values (the prefix's running sums depend on the values and
     * their order only, and tied values are equal): its length k and smallest value τ give the set, every token
     * above τ and the lowest ids among those equal to τ. A sort of boxed indices cost about 1 ms per row at a
     * vocabulary of 8192.
     */
    private void nucleus(double[] probs) {
        double[] sorted = probs.clone();
        Arrays.sort(sorted);                                        // ascending: walk it from the top
        double before = 0; // mass of more likely tokens
        int k = 0;
        for (int i = sorted.length - 1; i >= 0 && (before < topP || before == 0); i--) {
            before += sorted[i];
            k++;
        }
        double kept = before;                                       // the prefix's mass, summed in the same order
        double tau = sorted[sorted.length - k];
        int above = 0;
        for (double p : probs) {
            if (p > tau) {
                above++;
            }
        }
        int tiesKept = k - above;
        for (int i = 0; i < probs.length; i++) {
            if (probs[i] > tau) {
                probs[i] /= kept;
            } else if (probs[i] == tau && tiesKept > 0) {
                tiesKept--;
                probs[i] /= kept;
            } else {
                probs[i] = 0;
            }
        }
    }

    static int argmax(float[] logits, int offset, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) {
            if (logits[offset + i] > logits[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
