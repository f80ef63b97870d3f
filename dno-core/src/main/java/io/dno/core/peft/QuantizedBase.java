package io.dno.core.peft;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import io.dno.core.model.Projection;
import io.dno.core.model.Transformer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * QLoRA's frozen base (Dettmers et al. 2023, §3, Eq. 5): the targeted projection weights of a {@link Transformer}
 * are replaced by NF4 copies ({@link Nf4}, block 64, optionally {@link DoubleQuantizedScales double-quantised}
 * scales) and dequantised to float32 on the fly, per forward pass, in the step's manager. The float32 originals
 * are freed. Attach a {@link LoraAdapter} afterwards to train on top of it.
 *
 * <p>What stays resident per quantised weight: n/2 bytes of codes plus 4 bytes per 64 values (0.5 + 0.0625
 * bytes per weight), or plus ≈1.016 bytes per 64 values with double quantisation, against 4 bytes in float32.
 */
public final class QuantizedBase implements Projection, AutoCloseable {
    private final NDManager manager;
    private final Map<String, Nf4Weight> weights;
    private final NDArray byteTable;                     // (256, 2)
    private final Projection fallback;
    private final Stats stats;

    private QuantizedBase(NDManager manager, Map<String, Nf4Weight> weights, NDArray byteTable, Projection fallback,
                          Stats stats) {
        this.manager = manager;
        this.weights = weights;
        this.byteTable = byteTable;
        this.fallback = fallback;
        this.stats = stats;
    }

    /**
     * Quantises the projections of {@code model} named in {@code targetModules} (e.g. {@link LoraConfig#ALL_PROJECTIONS}),
     * frees their float32 weights and installs itself as the model's projection.
     */
    public static QuantizedBase quantize(Transformer model, List<String> targetModules, boolean doubleQuant) {
        LoraConfig targets = LoraConfig.of(1, 1, 0, targetModules); // validates the module names
        NDManager manager = model.manager().newSubManager();
        Map<String, Nf4Weight> weights = new LinkedHashMap<>();
        long values = 0;
        long fullBytes = 0;
        long storedBytes = 0;
        double maxError = 0;
        double squaredError = 0;
        double maxBoundRatio = 0;
        double halfGap = Nf4.largestGap() / 2;
        for (String name : List.copyOf(model.parameters().keySet())) {
            if (!targets.targets(name)) {
                continue;
            }
            NDArray w = model.parameters().get(name);
            checkArgument(w != null, "'%s' is already quantised", name);
            Shape shape = w.getShape();
            float[] original = w.toFloatArray();
            Nf4.Quantized q = Nf4.quantize(original);
            Optional<DoubleQuantizedScales> dq = doubleQuant ? Optional.of(DoubleQuantizedScales.quantize(q.absmax()))
                    : Optional.empty();
            float[] scales = dq.map(DoubleQuantizedScales::dequantize).orElse(q.absmax());
            float[] restored = Nf4.dequantize(q.packed(), scales, q.length());
            for (int i = 0; i < original.length; i++) {
                double err = Math.abs(original[i] - restored[i]);
                maxError = Math.max(maxError, err);
                squaredError += err * err;
                double bound = halfGap * q.absmax()[i / Nf4.BLOCK_SIZE];
                if (bound > 0) {
                    maxBoundRatio = Math.max(maxBoundRatio, err / bound);
                }
            }
            Nf4Weight nf4 = Nf4Weight.create(manager, shape, q, dq);
            weights.put(name, nf4);
            values += original.length;
            fullBytes += 4L * original.length;
            storedBytes += nf4.bytes();
            model.releaseParameter(name).close();
        }
        checkArgument(!weights.isEmpty(), "target modules %s match no projection of the model", targetModules);
        NDArray table = manager.create(Nf4.byteTable(), new Shape(256, 2));
        Stats stats = new Stats(weights.size(), values, fullBytes, storedBytes, maxError,
                Math.sqrt(squaredError / values), maxBoundRatio, doubleQuant);
        QuantizedBase base = new QuantizedBase(manager, weights, table, model.projection(), stats);
        model.setProjection(base);
        return base;
    }

    @Override
    public NDArray apply(String weightName, NDArray x, NDArray weight) {
        Nf4Weight q = weights.get(weightName);
        if (q == null) {
            return fallback.apply(weightName, x, weight);
        }
        NDArray w = q.dequantize(x.getManager(), byteTable);                                   // (out, in)
        return Linear.linear(x, w).singletonOrThrow();                                         // (B, T, out)
    }

    /** The float32 weight that {@code weightName} now stands for, built in {@code m} (for inspection and tests). */
    public NDArray dequantized(String weightName, NDManager m) {
        Nf4Weight q = weights.get(weightName);
        checkArgument(q != null, "'%s' is not quantised", weightName);
        return q.dequantize(m, byteTable);
    }

    /** Memory and error of the quantisation, measured when it was made. */
    public Stats stats() {
        return stats;
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * @param weights        quantised weight matrices
     * @param values         scalar values in them
     * @param float32Bytes   what they took in float32
     * @param storedBytes    what their NF4 form takes (codes + scales)
     * @param maxAbsError    largest |w − dequant(quant(w))|
     * @param rmsError       root-mean-square of that error
     * @param maxBoundRatio  largest error divided by its block's bound absmax·gap/2 (≤ 1 without double
     *                       quantisation; slightly above 1 is possible with it, from the 8-bit scale error)
     * @param doubleQuant    whether the scales were double-quantised
     */
    public record Stats(int weights, long values, long float32Bytes, long storedBytes, double maxAbsError,
                        double rmsError, double maxBoundRatio, boolean doubleQuant) {

        /** Bits stored per quantised value. */
        public double bitsPerValue() {
            return 8.0 * storedBytes / values;
        }
    }
}
