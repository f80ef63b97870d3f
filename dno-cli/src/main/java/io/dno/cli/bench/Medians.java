package io.dno.cli.bench;

import java.util.Arrays;
import java.util.List;

/** Robust summaries of repeated timings: on a shared machine the median resists the slow outliers. */
final class Medians {
    private Medians() {}

    static double of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no measurement was taken");
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
