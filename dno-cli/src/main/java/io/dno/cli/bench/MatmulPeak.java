package io.dno.cli.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dno.core.model.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's matmul rate as this process sees it: the median GFLOP/s of square {@code n³} products (2n³ FLOPs
 * each) in a given precision (bf16: the same call the model's bf16 projections make, casts included), the
 * denominator of MFU. Measured in the same process as the step it normalises, so a busy host lowers both.
 */
final class MatmulPeak {
    private MatmulPeak() {}

    static double gflops(Device device, int n, int reps) {
        return gflops(device, n, reps, Precision.F32);
    }

    static double gflops(Device device, int n, int reps, Precision precision) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i < reps + 1; i++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = a.duplicate();
                    x.attach(step);
                    long t0 = System.nanoTime();
                    NDArray c = precision.linear(x, b);                    // x·bᵀ
                    c.getFloat(0, 0);                                      // waits for the product (GPU is async)
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (i >= 1) {                                          // one warm-up product
                        rates.add(2.0 * n * n * n / s / 1e9);
                    }
                }
            }
            return Medians.of(rates);
        }
    }
}
