package io.dno.cli.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's memory read bandwidth as PyTorch sees it with the current intra-op threads: the median rate of
 * summing a float32 array far larger than the caches (each byte read once), the same access pattern as a batch-1
 * decoding step streaming its weights through matrix-vector products. The ceiling of decoding speed is this rate
 * divided by the bytes of weights read per token.
 */
final class MemoryBandwidth {
    private MemoryBandwidth() {}

    /** GB/s (10⁹ bytes) reading {@code mib} MiB, median of {@code reps} passes after one warm-up pass. */
    static double gbPerS(Device device, int mib, int reps) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            long floats = (long) mib * 1024 * 1024 / 4;
            NDArray x = m.ones(new Shape(floats), DataType.FLOAT32);
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i < reps + 1; i++) {
                try (NDManager step = m.newSubManager()) {
                    long t0 = System.nanoTime();
                    NDArray s = x.sum();
                    s.attach(step);
                    s.getFloat();
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (i >= 1) {
                        rates.add(floats * 4.0 / seconds / 1e9);
                    }
                }
            }
            return Medians.of(rates);
        }
    }
}
