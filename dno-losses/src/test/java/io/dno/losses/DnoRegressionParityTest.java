package io.dno.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.model.TorchReference;
import io.dno.core.train.Loss;
import io.dno.core.train.PairLogProbs;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Losses#dnoRegression} against an independent float64 PyTorch computation of Eq. 8 (Rosset et al. 2024,
 * Algorithm 1; {@code reference/dno_regression_reference.py}), and its hard-target limit against the DPO form of
 * Eq. 13: with every z* = 1, Eq. 8's BCE is −log σ(ηΔ), which is DPO with β = η and the previous iterate as
 * reference, in value and in gradient.
 */
class DnoRegressionParityTest {

    /** The loss and its gradient with respect to both sides' policy log-probs, in plain doubles. */
    private record Result(double loss, double[] gradChosen, double[] gradRejected) {}

    @Test
    void matchesPyTorchsEquationEightInValueAndGradient() throws Exception {
        String python = TorchReference.pythonOrSkip();
        for (double eta : new double[] {0.1, 1.0}) {
            PairBatch batch = randomBatch(new Random(Double.hashCode(eta)), 16, true);
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("eta", eta);
            request.put("policy_chosen", batch.policyChosen());
            request.put("policy_rejected", batch.policyRejected());
            request.put("reference_chosen", batch.referenceChosen());
            request.put("reference_rejected", batch.referenceRejected());
            request.put("targets", batch.targets());
            JsonNode torch = TorchReference.run(python,
                    TorchReference.script("/reference/dno_regression_reference.py"), request);
            Result ours = evaluate(Losses.dnoRegression(eta), batch);
            assertEquals(torch.get("loss").asDouble(), ours.loss(), 2e-6 * Math.max(1, ours.loss()), "loss, eta " + eta);
            for (int i = 0; i < batch.size(); i++) {
                assertEquals(torch.get("grad_policy_chosen").get(i).asDouble(), ours.gradChosen()[i], 1e-6,
                        "d/d log pi(y1) of pair " + i + ", eta " + eta);
                assertEquals(torch.get("grad_policy_rejected").get(i).asDouble(), ours.gradRejected()[i], 1e-6,
                        "d/d log pi(y2) of pair " + i + ", eta " + eta);
            }
        }
    }

    @Test
    void withEveryTargetOneItIsDpoWithBetaEqualToEta() {
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            double eta = 0.05 + random.nextDouble();
            PairBatch batch = randomBatch(random, 1 + random.nextInt(12), false);
            double[] ones = new double[batch.size()];
            Arrays.fill(ones, 1.0);
            Result regression = evaluate(Losses.dnoRegression(eta), batch.withTargets(ones));
            for (Loss dpoForm : new Loss[] {Losses.dpo(eta), Losses.dnoContrastive(eta)}) {
                Result dpo = evaluate(dpoForm, batch);
                String what = dpoForm.name() + " vs dnoRegression, seed " + seed;
                assertEquals(dpo.loss(), regression.loss(), 1e-6 * Math.max(1, dpo.loss()), what);
                for (int i = 0; i < batch.size(); i++) {
                    assertEquals(dpo.gradChosen()[i], regression.gradChosen()[i], 1e-7, what + ", pair " + i);
                    assertEquals(dpo.gradRejected()[i], regression.gradRejected()[i], 1e-7, what + ", pair " + i);
                }
            }
        }
    }

    @Test
    void aSoftTargetPullsTheMarginToTheWinRateGapNotToInfinity() {
        // the gradient vanishes exactly where σ(ηΔ) = z*, i.e. ηΔ = r1 − r2 (the soft-policy-iteration step, Eq. 9),
        // while DPO's gradient at the same point still pushes the margin up
        double eta = 0.5;
        double r1 = 0.75;
        double r2 = 0.25;
        double delta = (r1 - r2) / eta;                                    // Δ = 1
        PairBatch atOptimum = PairBatch.single(-5 + delta, -5, -7, -7, 1, 1)
                .withTargets(DnoRegressionLoss.softTarget(r1, r2));
        assertEquals(0.0, evaluate(Losses.dnoRegression(eta), atOptimum).gradChosen()[0], 1e-7);
        double dpoGradient = evaluate(Losses.dpo(eta), atOptimum).gradChosen()[0];
        assertEquals(-eta * (1 - 1 / (1 + Math.exp(-(r1 - r2)))), dpoGradient, 1e-6);  // −η(1 − σ(ηΔ))
    }

    private static Result evaluate(Loss loss, PairBatch batch) {
        try (NDManager m = NDManager.newBaseManager()) {
            PairLogProbs b = batch.toLogProbs(m);
            b.policyChosen().setRequiresGradient(true);
            b.policyRejected().setRequiresGradient(true);
            double value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                var out = loss.compute(b);
                value = out.loss().getFloat();
                gc.backward(out.loss());
            }
            return new Result(value, toDoubles(b.policyChosen().getGradient().toFloatArray()),
                    toDoubles(b.policyRejected().getGradient().toFloatArray()));
        }
    }

    /** B pairs of log-probs in [−30, −1] (margins up to ±60 nats); targets in [0, 1] with 0, ½ and 1 included. */
    private static PairBatch randomBatch(Random random, int size, boolean withTargets) {
        double[][] a = new double[4][size];
        for (double[] row : a) {
            for (int i = 0; i < size; i++) {
                row[i] = -1 - 29 * random.nextDouble();
            }
        }
        double[] z = new double[size];
        for (int i = 0; i < size; i++) {
            z[i] = i == 0 ? 0 : i == 1 ? 0.5 : i == 2 ? 1 : random.nextDouble();
        }
        double[] tokens = new double[size];
        Arrays.fill(tokens, 3);
        return new PairBatch(a[0], a[1], a[2], a[3], tokens, tokens, withTargets ? z : null);
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
