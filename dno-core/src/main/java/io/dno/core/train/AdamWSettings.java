package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The hyperparameters of {@link AdamW}, named as in {@code torch.optim.AdamW}: β1, β2 (betas), ε (eps) and λ
 * (weight_decay).
 *
 * @param beta1       decay of the first moment, in [0, 1)
 * @param beta2       decay of the second moment, in [0, 1)
 * @param epsilon     added to the bias-corrected √v, > 0
 * @param weightDecay decoupled weight decay λ, >= 0 (the parameter shrinks by lr·λ per step)
 */
public record AdamWSettings(double beta1, double beta2, double epsilon, double weightDecay) {
    /**
     * The HF Trainer's and TRL's defaults, and the trainer's: betas (0.9, 0.999), eps 1e-8, weight_decay 0 (the
     * DNO, SPIN and DPO papers train without weight decay).
     */
    public static final AdamWSettings DEFAULTS = new AdamWSettings(0.9, 0.999, 1e-8, 0.0);
    /** {@code torch.optim.AdamW}'s own defaults: betas (0.9, 0.999), eps 1e-8, weight_decay 0.01. */
    public static final AdamWSettings TORCH_DEFAULTS = new AdamWSettings(0.9, 0.999, 1e-8, 0.01);

    public AdamWSettings {
        checkArgument(beta1 >= 0 && beta1 < 1, "beta1 (β1) must be in [0, 1), got %s (torch default 0.9)", beta1);
        checkArgument(beta2 >= 0 && beta2 < 1, "beta2 (β2) must be in [0, 1), got %s (torch default 0.999)", beta2);
        checkArgument(Double.isFinite(epsilon) && epsilon > 0,
                "epsilon (ε) must be finite and > 0, got %s (torch default 1e-8)", epsilon);
        checkArgument(Double.isFinite(weightDecay) && weightDecay >= 0,
                "weightDecay (λ) must be finite and >= 0, got %s (default 0, off, as HF and TRL; torch's default 0.01)",
                weightDecay);
    }

    /** The same settings with weight decay λ. */
    public AdamWSettings withWeightDecay(double lambda) {
        return new AdamWSettings(beta1, beta2, epsilon, lambda);
    }
}
