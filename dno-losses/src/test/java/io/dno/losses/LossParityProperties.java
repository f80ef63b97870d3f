package io.dno.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Every tensor loss against its plain-double reference ({@link ReferenceLosses}) on random batches. Log-probs are
 * multiples of 1/64 in [−60, 0] so float32 holds them exactly; the tolerance is 1e-5 relative, with a 1e-6 absolute
 * floor for losses near 0 (IPO at its target, hinge at its kink), where float32 rounding of β·Δ dominates.
 */
class LossParityProperties {

    @Property(tries = 50)
    void dpoMatchesReference(@ForAll("batches") PairBatch b, @ForAll @DoubleRange(min = 0.01, max = 1) double beta) {
        assertClose(ReferenceLosses.dpo(b, beta), Evaluated.of(Losses.dpo(beta), b).loss());
    }

    @Property(tries = 50)
    void dpoMetricsMatchReference(@ForAll("batches") PairBatch b, @ForAll @DoubleRange(min = 0.01, max = 1) double beta) {
        Evaluated e = Evaluated.of(Losses.dpo(beta), b);
        double chosen = ReferenceLosses.mean(b, i -> beta * (b.policyChosen()[i] - b.referenceChosen()[i]));
        double rejected = ReferenceLosses.mean(b, i -> beta * (b.policyRejected()[i] - b.referenceRejected()[i]));
        float betaF = (float) beta; // the loss ranks pairs by its float32 rewards; compare like with like
        double accuracy = ReferenceLosses.mean(b, i ->
                betaF * (float) (b.policyChosen()[i] - b.referenceChosen()[i])
                        > betaF * (float) (b.policyRejected()[i] - b.referenceRejected()[i]) ? 1 : 0);
        assertClose(chosen, e.metric(MetricNames.REWARDS_CHOSEN));
        assertClose(rejected, e.metric(MetricNames.REWARDS_REJECTED));
        assertClose(chosen - rejected, e.metric(MetricNames.REWARDS_MARGINS));
        assertClose(accuracy, e.metric(MetricNames.REWARDS_ACCURACIES));
        assertClose(ReferenceLosses.mean(b, i -> b.policyChosen()[i]), e.metric(MetricNames.LOGPS_CHOSEN));
        assertClose(ReferenceLosses.mean(b, i -> b.policyRejected()[i]), e.metric(MetricNames.LOGPS_REJECTED));
        assertEquals(e.loss(), e.metric(MetricNames.LOSS));
    }

    @Property(tries = 50)
    void conservativeDpoMatchesReference(@ForAll("batches") PairBatch b,
                                         @ForAll @DoubleRange(min = 0.01, max = 1) double beta,
                                         @ForAll @DoubleRange(min = 0, max = 0.49) double eps) {
        assertClose(ReferenceLosses.conservativeDpo(b, beta, eps), Evaluated.of(Losses.conservativeDpo(beta, eps), b).loss());
    }

    @Property(tries = 50)
    void robustDpoMatchesReference(@ForAll("batches") PairBatch b, @ForAll @DoubleRange(min = 0.01, max = 1) double beta,
                                   @ForAll @DoubleRange(min = 0, max = 0.4) double eps) {
        assertClose(ReferenceLosses.robustDpo(b, beta, eps), Evaluated.of(Losses.robustDpo(beta, eps), b).loss());
    }

    @Property(tries = 50)
    void ipoMatchesReference(@ForAll("batches") PairBatch b, @ForAll @DoubleRange(min = 0.05, max = 1) double tau) {
        assertClose(ReferenceLosses.ipo(b, tau), Evaluated.of(Losses.ipo(tau), b).loss());
    }

    @Property(tries = 50)
    void hingeMatchesReference(@ForAll("batches") PairBatch b, @ForAll @DoubleRange(min = 0.01, max = 1) double beta) {
        assertClose(ReferenceLosses.hinge(b, beta), Evaluated.of(Losses.hinge(beta), b).loss());
    }

    @Property(tries = 50)
    void lengthNormalizedMatchesReference(@ForAll("batches") PairBatch b,
                                          @ForAll @DoubleRange(min = 0.1, max = 3) double beta,
                                          @ForAll @DoubleRange(min = 0, max = 2) double gamma,
                                          @ForAll boolean withReference) {
        assertClose(ReferenceLosses.lengthNormalized(b, beta, gamma, withReference),
                Evaluated.of(Losses.lengthNormalized(beta, gamma, withReference), b).loss());
    }

    @Property(tries = 50)
    void sftMatchesReference(@ForAll("batches") PairBatch b) {
        assertClose(ReferenceLosses.sft(b), Evaluated.of(Losses.sft(), b).loss());
    }

    @Property(tries = 50)
    void withNllMatchesReference(@ForAll("batches") PairBatch b, @ForAll @DoubleRange(min = 0.01, max = 1) double beta,
                                 @ForAll @DoubleRange(min = 0.01, max = 2) double alpha) {
        assertClose(ReferenceLosses.dpo(b, beta) + alpha * ReferenceLosses.sft(b),
                Evaluated.of(Losses.withNll(Losses.dpo(beta), alpha), b).loss());
    }

    @Property(tries = 50)
    void dnoRegressionMatchesReference(@ForAll("batches") PairBatch b,
                                       @ForAll @DoubleRange(min = 0.01, max = 1) double eta) {
        assertClose(ReferenceLosses.dnoRegression(b, eta), Evaluated.of(Losses.dnoRegression(eta), b).loss());
    }

    @Property(tries = 50)
    void dpoTensorIsInvariantToShiftingAllFourLogProbs(@ForAll("batches") PairBatch b,
                                                       @ForAll("gridValues") double shift) {
        assertClose(Evaluated.of(Losses.dpo(0.1), b).loss(), Evaluated.of(Losses.dpo(0.1), b.shifted(shift)).loss());
    }

    static void assertClose(double expected, double actual) {
        double tolerance = 3e-5 * Math.abs(expected) + 2e-6;   // float32 arithmetic (ε ≈ 1.2e-7) against a double reference
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw new AssertionError("expected " + expected + " but got " + actual + " (tolerance " + tolerance + ")");
        }
    }

    @Provide
    Arbitrary<PairBatch> batches() {
        return Arbitraries.integers().between(1, 8).flatMap(n -> Combinators.combine(
                logProbs(n), logProbs(n), logProbs(n), logProbs(n), tokens(n), tokens(n),
                Arbitraries.integers().between(0, 64).map(k -> k / 64.0).array(double[].class).ofSize(n))
                .as(PairBatch::new));
    }

    @Provide
    Arbitrary<Double> gridValues() {
        return Arbitraries.integers().between(-64 * 60, 64 * 60).map(k -> k / 64.0);
    }

    private static Arbitrary<double[]> logProbs(int n) {
        return Arbitraries.integers().between(-64 * 60, 0).map(k -> k / 64.0).array(double[].class).ofSize(n);
    }

    private static Arbitrary<double[]> tokens(int n) {
        return Arbitraries.integers().between(1, 40).map(Integer::doubleValue).array(double[].class).ofSize(n);
    }
}
