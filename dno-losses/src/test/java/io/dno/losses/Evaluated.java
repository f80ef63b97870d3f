package io.dno.losses;

import ai.djl.ndarray.NDManager;
import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import java.util.LinkedHashMap;
import java.util.Map;

/** A loss evaluated on a batch, copied out to plain values so no array outlives its manager. */
record Evaluated(double loss, Map<String, Double> metrics) {

    static Evaluated of(Loss loss, PairBatch batch) {
        try (NDManager m = NDManager.newBaseManager()) {
            LossOutput out = loss.compute(batch.toLogProbs(m));
            if (out.loss().getShape().dimension() != 0) {
                throw new AssertionError(loss.name() + " returned a loss of shape " + out.loss().getShape());
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            out.metrics().forEach((name, value) -> {
                if (value.getShape().dimension() != 0) {
                    throw new AssertionError(loss.name() + " metric " + name + " has shape " + value.getShape());
                }
                metrics.put(name, (double) value.getFloat());
            });
            return new Evaluated(out.loss().getFloat(), metrics);
        }
    }

    double metric(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new AssertionError("no metric " + name + " in " + metrics.keySet());
        }
        return value;
    }
}
