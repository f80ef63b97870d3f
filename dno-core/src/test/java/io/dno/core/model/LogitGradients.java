package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Every parameter's gradient under one fixed random linear function of a model's logits, so two ways of computing
 * the forward pass (attention kernels, precisions) can be compared gradient by gradient.
 */
final class LogitGradients {
    /** Two rows of ten token ids, (2, 10). */
    static final long[][] IDS = {{1, 9, 30, 4, 17, 88, 2, 61, 5, 12}, {7, 7, 3, 99, 41, 6, 23, 8, 14, 70}};

    private LogitGradients() {}

    /**
     * The gradient of Σ w·logits over {@link #IDS} for every parameter of {@code model} (each checked to be float32),
     * with w drawn from seed 3 (the same on every call) and zero on the first {@code leftPadding} positions of row 0,
     * which the mask also hides; the gradients are zeroed afterwards for the next call.
     */
    static Map<String, float[]> of(Transformer model, int leftPadding) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.parameters().values().forEach(p -> p.setRequiresGradient(true));
        try (NDManager m = model.manager().newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray ids = m.create(IDS);
            NDArray mask = m.ones(new Shape(2, 10));
            if (leftPadding > 0) {
                mask.set(new NDIndex("0, :" + leftPadding), 0);
            }
            NDArray logits = model.logits(ids, mask);                                   // (2, 10, V)
            SplittableRandom rng = new SplittableRandom(3);
            float[] w = new float[Math.toIntExact(logits.size())];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rng.nextGaussian();
            }
            NDArray weights = m.create(w, logits.getShape()).mul(mask.expandDims(2)); // padded queries: no loss
            gc.backward(logits.mul(weights).sum());
        }
        model.parameters().forEach((name, p) -> {
            NDArray g = p.getGradient();
            assertEquals(DataType.FLOAT32, g.getDataType(), name);
            out.put(name, g.toFloatArray());
            g.subi(g);                                                                  // zero for the next call
        });
        model.parameters().values().forEach(p -> p.setRequiresGradient(false));
        return out;
    }
}
