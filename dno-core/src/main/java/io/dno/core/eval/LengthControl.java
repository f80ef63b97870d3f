package io.dno.core.eval;

import java.util.List;

/**
 * A length-controlled win rate in the manner of AlpacaEval 2.0 (Dubois et al. 2024, arXiv:2404.04475), which
 * the DNO paper reports as "LC WR": fit a logistic model of the outcome on the normalised length difference,
 *
 * <pre>
 *   P(win_i) = σ(θ + φ · tanh((len_i − len_i^teacher) / sd))
 * </pre>
 *
 * by maximum likelihood with soft targets (ties count 0.5) and a small ridge penalty (λ = 0.01 on θ and φ,
 * which keeps θ finite when every answer wins), then report σ(θ): the predicted win rate at equal length.
 * AlpacaEval also models instruction difficulty; with one policy and one reference that term is absent.
 * Lengths are in characters. With fewer than two judged answers the raw win rate is returned.
 */
public final class LengthControl {
    private static final double RIDGE = 0.01;

    private LengthControl() {}

    public static double winRate(List<JudgedAnswer> judged) {
        int n = judged.size();
        if (n < 2) {
            return judged.isEmpty() ? Double.NaN : judged.get(0).outcome();
        }
        double[] diff = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = judged.get(i).answer().text().length() - judged.get(i).teacher().text().length();
            y[i] = judged.get(i).outcome();
        }
        double sd = standardDeviation(diff);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = sd > 0 ? Math.tanh(diff[i] / sd) : 0;
        }
        double theta = 0;
        double phi = 0;
        for (int iter = 0; iter < 100; iter++) {          // Newton's method on the penalised log-likelihood
            double g0 = -RIDGE * theta;
            double g1 = -RIDGE * phi;
            double h00 = RIDGE;
            double h01 = 0;
            double h11 = RIDGE;
            for (int i = 0; i < n; i++) {
                double p = sigmoid(theta + phi * x[i]);
                double w = p * (1 - p);
                g0 += y[i] - p;
                g1 += (y[i] - p) * x[i];
                h00 += w;
                h01 += w * x[i];
                h11 += w * x[i] * x[i];
            }
            double det = h00 * h11 - h01 * h01;
            double d0 = (h11 * g0 - h01 * g1) / det;
            double d1 = (h00 * g1 - h01 * g0) / det;
            theta += d0;
            phi += d1;
            if (Math.abs(d0) + Math.abs(d1) < 1e-10) {
                break;
            }
        }
        return sigmoid(theta);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double standardDeviation(double[] v) {
        double mean = 0;
        for (double d : v) {
            mean += d / v.length;
        }
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        return Math.sqrt(ss / v.length);
    }
}
