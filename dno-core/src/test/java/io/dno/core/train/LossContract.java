package io.dno.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Loss} must do, run by each implementation module: {@code class XxxLossTest implements
 * LossContract { public Loss subject() { ... } }}. The batch has B = 3 pairs with soft targets, so losses that
 * need them work too.
 */
public interface LossContract {

    /** The loss under test. */
    Loss subject();

    /** The same loss with other hyperparameter values, or null when it has none (SFT). */
    Loss withOtherHyperparameters();

    @Test
    default void nameIsAnIdentifierWithItsHyperparametersInParentheses() {
        String name = subject().name();
        assertTrue(name.matches("[a-z][A-Za-z]*(\\(.+\\))?"), "name() '" + name + "' is not like dpo(beta=0.1)");
        assertEquals(name, subject().name(), "two losses built alike have the same name");
    }

    @Test
    default void otherHyperparametersGiveAnotherName() {
        Loss other = withOtherHyperparameters();
        if (other == null) {
            assertFalse(subject().name().contains("("), "a loss without hyperparameters shows none");
            return;
        }
        assertFalse(subject().name().equals(other.name()),
                "'" + subject().name() + "' names both hyperparameter settings; a report could not tell them apart");
    }

    @Test
    default void returnsAFiniteScalarLossAndScalarMetricsIncludingTheLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            LossOutput out = subject().compute(batch(m, false));
            assertEquals(0, out.loss().getShape().dimension(), "loss shape " + out.loss().getShape());
            float loss = out.loss().getFloat();
            assertTrue(Float.isFinite(loss), "loss " + loss);
            for (Map.Entry<String, NDArray> metric : out.metrics().entrySet()) {
                assertEquals(0, metric.getValue().getShape().dimension(), metric.getKey() + " is not a scalar");
                assertTrue(Float.isFinite(metric.getValue().getFloat()), metric.getKey() + " is not finite");
            }
            assertEquals(loss, out.metrics().get("loss").getFloat(), "metric 'loss'");
        }
    }

    @Test
    default void ignoresTheReferenceWhenItDoesNotNeedOne() {
        if (subject().needsReference()) {
            return;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float withReference = subject().compute(batch(m, false)).loss().getFloat();
            float withoutReference = subject().compute(batch(m, true)).loss().getFloat();
            assertEquals(withReference, withoutReference, "a loss with needsReference() == false read the reference");
        }
    }

    @Test
    default void gradientReachesThePolicyLogProbs() {
        try (NDManager m = NDManager.newBaseManager()) {
            PairLogProbs b = batch(m, false);
            b.policyChosen().setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(subject().compute(b).loss());
            }
            float[] gradient = b.policyChosen().getGradient().toFloatArray();
            boolean anyNonZero = false;
            for (float g : gradient) {
                assertTrue(Float.isFinite(g), "gradient " + g);
                anyNonZero |= g != 0;
            }
            assertTrue(anyNonZero, "d loss / d policyChosen is 0 everywhere");
        }
    }

    /** Three pairs; with {@code nanReference} the reference log-probs are NaN. */
    static PairLogProbs batch(NDManager m, boolean nanReference) {
        float nan = Float.NaN;
        return new PairLogProbs(
                m.create(new float[] {-10f, -6f, -20f}),
                m.create(new float[] {-11f, -9f, -18f}),
                nanReference ? m.create(new float[] {nan, nan, nan}) : m.create(new float[] {-12f, -5f, -21f}),
                nanReference ? m.create(new float[] {nan, nan, nan}) : m.create(new float[] {-10f, -9f, -17f}),
                m.create(new float[] {4f, 2f, 7f}),
                m.create(new float[] {5f, 3f, 6f}),
                Optional.of(m.create(new float[] {0.7f, 0.2f, 0.9f})));
    }
}
