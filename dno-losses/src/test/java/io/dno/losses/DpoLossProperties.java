package io.dno.losses;

import static io.dno.losses.ReferenceLosses.dpo;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** Properties of the DPO loss, on the scalar reference (the tensor loss matches it: {@link LossParityProperties}). */
class DpoLossProperties {

    @Property(tries = 50)
    void isNonNegative(@ForAll @DoubleRange(min = -1000, max = 1000) double margin,
                       @ForAll @DoubleRange(min = 0.01, max = 5) double beta) {
        check(dpo(beta, margin) >= 0, "L(%s) = %s < 0", margin, dpo(beta, margin));
    }

    @Property(tries = 50)
    void isStrictlyDecreasingInTheMargin(@ForAll @DoubleRange(min = -100, max = 100) double margin,
                                         @ForAll @DoubleRange(min = 0.01, max = 10) double gap,
                                         @ForAll @DoubleRange(min = 0.01, max = 0.3) double beta) {
        check(dpo(beta, margin) > dpo(beta, margin + gap), "L(%s) <= L(%s)", margin, margin + gap);
    }

    @Property(tries = 50)
    void differenceOfMirroredMarginsIsMinusBetaMargin(@ForAll @DoubleRange(min = -500, max = 500) double margin,
                                                      @ForAll @DoubleRange(min = 0.01, max = 2) double beta) {
        // softplus(−x) − softplus(x) = −x
        double difference = dpo(beta, margin) - dpo(beta, -margin);
        check(Math.abs(difference + beta * margin) <= 1e-9 * Math.max(1, Math.abs(beta * margin)),
                "L(Δ) − L(−Δ) = %s, expected %s", difference, -beta * margin);
    }

    @Property(tries = 50)
    void isInvariantToAddingAConstantToAllFourLogProbs(@ForAll @DoubleRange(min = -200, max = 0) double pc,
                                                       @ForAll @DoubleRange(min = -200, max = 0) double rc,
                                                       @ForAll @DoubleRange(min = -200, max = 0) double pr,
                                                       @ForAll @DoubleRange(min = -200, max = 0) double rr,
                                                       @ForAll @DoubleRange(min = -100, max = 100) double c,
                                                       @ForAll @DoubleRange(min = 0.01, max = 1) double beta) {
        PairBatch pair = PairBatch.single(pc, rc, pr, rr, 1, 1);
        double before = ReferenceLosses.dpo(pair, beta);
        double after = ReferenceLosses.dpo(pair.shifted(c), beta);
        check(Math.abs(before - after) <= 1e-9 * Math.max(1, before), "L = %s before and %s after the shift", before, after);
    }

    private static void check(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new AssertionError(String.format(template, args));
        }
    }
}
