package io.dno.cli.quickstart.run;

import java.util.List;

/** Mean and sample standard deviation over seeds (sd 0 for a single seed); NaN values are left out. */
record Summary(double mean, double sd, int n) {

    static Summary of(List<Double> values) {
        List<Double> finite = values.stream().filter(v -> !Double.isNaN(v)).toList();
        int n = finite.size();
        if (n == 0) {
            return new Summary(Double.NaN, Double.NaN, 0);
        }
        double mean = finite.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = finite.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new Summary(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
    }
}
