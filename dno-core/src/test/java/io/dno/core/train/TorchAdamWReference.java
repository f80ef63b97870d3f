package io.dno.core.train;

/** torch.optim.AdamW's update (non-amsgrad, single tensor) in plain doubles, for parity tests. */
final class TorchAdamWReference {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    final double[] param;
    private final double[] expAvg;
    private final double[] expAvgSq;
    private int step;

    TorchAdamWReference(double[] initial, AdamWSettings s) {
        this.beta1 = s.beta1();
        this.beta2 = s.beta2();
        this.eps = s.epsilon();
        this.weightDecay = s.weightDecay();
        this.param = initial.clone();
        this.expAvg = new double[initial.length];
        this.expAvgSq = new double[initial.length];
    }

    void step(double[] grad, double lr) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < param.length; i++) {
            param[i] *= 1 - lr * weightDecay;                                  // param.mul_(1 - lr * weight_decay)
            expAvg[i] = beta1 * expAvg[i] + (1 - beta1) * grad[i];             // exp_avg.lerp_(grad, 1 - beta1)
            expAvgSq[i] = beta2 * expAvgSq[i] + (1 - beta2) * grad[i] * grad[i];
            double denom = Math.sqrt(expAvgSq[i]) / Math.sqrt(bc2) + eps;      // (exp_avg_sq.sqrt() / bc2_sqrt).add_(eps)
            param[i] -= lr / bc1 * expAvg[i] / denom;                          // param.addcdiv_(exp_avg, denom, -step_size)
        }
    }
}
