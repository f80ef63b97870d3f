package io.dno.core.eval;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * L1-penalised logistic regression without intercept on soft targets, the model scikit-learn's
 * {@code LogisticRegression(penalty="l1", solver="liblinear", fit_intercept=False)} fits when each row is
 * duplicated with label 1 (weight y) and label 0 (weight 1 − y), as AlpacaEval does:
 *
 * <pre>
 *   minimise  ‖w‖₁ + C Σᵢ [ yᵢ log(1 + e^(−w·xᵢ)) + (1 − yᵢ) log(1 + e^(w·xᵢ)) ]
 * </pre>
 *
 * Solved by cyclic coordinate descent: a Newton step per coordinate with the L1 term handled exactly (soft
 * threshold), then a backtracking line search on the whole objective, until no coordinate moves by more than
 * 1e-10 (liblinear stops earlier, at its tolerance 1e-4 on the gradient).
 */
final class L1LogisticRegression {
    private L1LogisticRegression() {}

    static double[] fit(double[][] x, double[] y, double c) {
        checkArgument(x.length == y.length && x.length > 0, "need one target per row");
        int k = x[0].length;
        double[] w = new double[k];
        for (int iter = 0; iter < 10_000; iter++) {
            double moved = 0;
            for (int j = 0; j < k; j++) {
                double g = 0;
                double h = 0;
                for (int i = 0; i < x.length; i++) {
                    double p = sigmoid(dot(w, x[i]));
                    g += c * (p - y[i]) * x[i][j];
                    h += c * p * (1 - p) * x[i][j] * x[i][j];
                }
                if (h < 1e-300) {
                    continue;                                   // a feature that is zero on every row stays 0
                }
                double d;                                       // argmin_d g·d + h/2·d² + |w_j + d|
                if (g + 1 <= h * w[j]) {
                    d = -(g + 1) / h;
                } else if (g - 1 >= h * w[j]) {
                    d = -(g - 1) / h;
                } else {
                    d = -w[j];
                }
                double before = objective(x, y, c, w);
                double decrease = g * d + Math.abs(w[j] + d) - Math.abs(w[j]);
                double old = w[j];
                double step = 1;
                while (true) {
                    w[j] = old + step * d;
                    if (objective(x, y, c, w) <= before + 0.01 * step * decrease || step < 1e-12) {
                        break;
                    }
                    step /= 2;
                }
                moved = Math.max(moved, Math.abs(w[j] - old));
            }
            if (moved < 1e-10) {
                break;
            }
        }
        return w;
    }

    static double objective(double[][] x, double[] y, double c, double[] w) {
        double f = 0;
        for (double wj : w) {
            f += Math.abs(wj);
        }
        for (int i = 0; i < x.length; i++) {
            double z = dot(w, x[i]);
            f += c * (y[i] * softplus(-z) + (1 - y[i]) * softplus(z));
        }
        return f;
    }

    /** Mean cross-entropy of the predictions σ(w·x) against the soft targets (scikit-learn's log loss, clipped 1e-15). */
    static double logLoss(double[][] x, double[] y, double[] w) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double p = Math.min(Math.max(sigmoid(dot(w, x[i])), 1e-15), 1 - 1e-15);
            sum -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
        }
        return sum / x.length;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    static double dot(double[] w, double[] x) {
        double s = 0;
        for (int j = 0; j < w.length; j++) {
            s += w[j] * x[j];
        }
        return s;
    }
}
