package io.dno.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dno.core.train.PairLogProbs;
import java.util.Arrays;
import java.util.Optional;

/**
 * A batch of B pairs as plain doubles: fed to the tensor losses through {@link #toLogProbs} and to
 * {@link ReferenceLosses} directly. {@code targets} may be null (no soft targets).
 */
record PairBatch(double[] policyChosen, double[] referenceChosen, double[] policyRejected,
                 double[] referenceRejected, double[] chosenTokens, double[] rejectedTokens, double[] targets) {

    /** One pair with no soft target. */
    static PairBatch single(double pc, double rc, double pr, double rr, double nc, double nr) {
        return new PairBatch(new double[] {pc}, new double[] {rc}, new double[] {pr}, new double[] {rr},
                new double[] {nc}, new double[] {nr}, null);
    }

    int size() {
        return policyChosen.length;
    }

    /** The same batch with soft targets z. */
    PairBatch withTargets(double... z) {
        return new PairBatch(policyChosen, referenceChosen, policyRejected, referenceRejected, chosenTokens,
                rejectedTokens, z);
    }

    /** The same batch with {@code c} added to all four log-probs of every pair. */
    PairBatch shifted(double c) {
        return new PairBatch(add(policyChosen, c), add(referenceChosen, c), add(policyRejected, c),
                add(referenceRejected, c), chosenTokens, rejectedTokens, targets);
    }

    /** Float32 arrays of shape (B) in {@code m}. */
    PairLogProbs toLogProbs(NDManager m) {
        return new PairLogProbs(f32(m, policyChosen), f32(m, policyRejected), f32(m, referenceChosen),
                f32(m, referenceRejected), f32(m, chosenTokens), f32(m, rejectedTokens),
                Optional.ofNullable(targets).map(z -> f32(m, z)));
    }

    static NDArray f32(NDManager m, double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return m.create(f);
    }

    private static double[] add(double[] values, double c) {
        return Arrays.stream(values).map(v -> v + c).toArray();
    }

    @Override
    public String toString() {
        return "PairBatch[pc=" + Arrays.toString(policyChosen) + ", rc=" + Arrays.toString(referenceChosen)
                + ", pr=" + Arrays.toString(policyRejected) + ", rr=" + Arrays.toString(referenceRejected)
                + ", nc=" + Arrays.toString(chosenTokens) + ", nr=" + Arrays.toString(rejectedTokens)
                + ", z=" + Arrays.toString(targets) + "]";
    }
}
