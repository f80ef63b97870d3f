package io.dno.losses;

import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/** Plain-double reference implementations of every loss, written from the formulas, for parity tests. */
final class ReferenceLosses {

    private ReferenceLosses() {}

    /** softplus(x) = log(1 + eˣ), stable for large |x|. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** log σ(x) = −softplus(−x). */
    static double logSigmoid(double x) {
        return -softplus(-x);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Δ_i = (πc − rc) − (πr − rr). */
    static double margin(PairBatch b, int i) {
        return (b.policyChosen()[i] - b.referenceChosen()[i]) - (b.policyRejected()[i] - b.referenceRejected()[i]);
    }

    /** DPO on one margin: −log σ(βΔ). */
    static double dpo(double beta, double margin) {
        return -logSigmoid(beta * margin);
    }

    static double dpo(PairBatch b, double beta) {
        return mean(b, i -> dpo(beta, margin(b, i)));
    }

    static double conservativeDpo(PairBatch b, double beta, double eps) {
        return mean(b, i -> -(1 - eps) * logSigmoid(beta * margin(b, i)) - eps * logSigmoid(-beta * margin(b, i)));
    }

    static double robustDpo(PairBatch b, double beta, double eps) {
        return mean(b, i -> ((1 - eps) * -logSigmoid(beta * margin(b, i)) + eps * logSigmoid(-beta * margin(b, i)))
                / (1 - 2 * eps));
    }

    /** Δ̄_i with every log-prob divided by its token count. */
    static double perTokenMargin(PairBatch b, int i) {
        return (b.policyChosen()[i] - b.referenceChosen()[i]) / b.chosenTokens()[i]
                - (b.policyRejected()[i] - b.referenceRejected()[i]) / b.rejectedTokens()[i];
    }

    static double ipo(PairBatch b, double tau) {
        return mean(b, i -> Math.pow(perTokenMargin(b, i) - 1 / (2 * tau), 2));
    }

    static double hinge(PairBatch b, double beta) {
        return mean(b, i -> Math.max(0, 1 - beta * margin(b, i)));
    }

    static double lengthNormalized(PairBatch b, double beta, double gamma, boolean withReference) {
        return mean(b, i -> {
            double chosen = withReference ? b.policyChosen()[i] - b.referenceChosen()[i] : b.policyChosen()[i];
            double rejected = withReference ? b.policyRejected()[i] - b.referenceRejected()[i] : b.policyRejected()[i];
            return -logSigmoid(beta * (chosen / b.chosenTokens()[i] - rejected / b.rejectedTokens()[i]) - gamma);
        });
    }

    /** −Σ πc / Σ |yc|. */
    static double sft(PairBatch b) {
        return -IntStream.range(0, b.size()).mapToDouble(i -> b.policyChosen()[i]).sum()
                / IntStream.range(0, b.size()).mapToDouble(i -> b.chosenTokens()[i]).sum();
    }

    static double dnoRegression(PairBatch b, double eta) {
        return mean(b, i -> {
            double z = b.targets()[i];
            return -(z * logSigmoid(eta * margin(b, i)) + (1 - z) * logSigmoid(-eta * margin(b, i)));
        });
    }

    static double mean(PairBatch b, IntToDoubleFunction perPair) {
        return IntStream.range(0, b.size()).mapToDouble(perPair).average().orElseThrow();
    }
}
