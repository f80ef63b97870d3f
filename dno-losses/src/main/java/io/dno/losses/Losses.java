package io.dno.losses;

import io.dno.core.train.Loss;

/**
 * The losses of the library, each with its paper, equation and hyperparameter symbol in its class javadoc.
 *
 * <pre>{@code
 * Loss sft = Losses.sft();                                  // demonstrations, per-token NLL
 * Loss dpo = Losses.dpo(0.1);                               // β = 0.1
 * Loss dno = Losses.dnoContrastive(0.1);                    // DNO-Prct, Eq. 13, η = 0.1
 * Loss rpo = Losses.withNll(Losses.dpo(0.1), 1.0);          // DPO + 1.0 · NLL of the chosen side
 * }</pre>
 */
public final class Losses {

    private Losses() {}

    /** Supervised fine-tuning: per-token NLL of the chosen responses ({@link SftLoss}). */
    public static SftLoss sft() {
        return new SftLoss();
    }

    /** Sigmoid DPO with strength β ({@link DpoLoss}). */
    public static DpoLoss dpo(double beta) {
        return new DpoLoss(beta, 0);
    }

    /** Conservative DPO (cDPO, TRL's sigmoid loss with {@code label_smoothing} = ε) ({@link DpoLoss}). */
    public static DpoLoss conservativeDpo(double beta, double epsilon) {
        return new DpoLoss(beta, epsilon);
    }

    /** Robust DPO of Chowdhury et al. 2024 (TRL's {@code loss_type="robust"}) for label-noise rate ε ({@link RobustDpoLoss}). */
    public static RobustDpoLoss robustDpo(double beta, double epsilon) {
        return new RobustDpoLoss(beta, epsilon);
    }

    /** IPO with regularisation τ, on per-token log-ratios as in TRL ({@link IpoLoss}). */
    public static IpoLoss ipo(double tau) {
        return new IpoLoss(tau);
    }

    /** SLiC's hinge loss on the DPO margin, max(0, 1 − βΔ) ({@link HingeLoss}). */
    public static HingeLoss hinge(double beta) {
        return new HingeLoss(beta);
    }

    /** SimPO-style per-token loss with strength β and target margin γ; reference-free unless asked ({@link LengthNormalizedLoss}). */
    public static LengthNormalizedLoss lengthNormalized(double beta, double gamma, boolean withReference) {
        return new LengthNormalizedLoss(beta, gamma, withReference);
    }

    /** {@code pairLoss} plus α times the per-token NLL of the chosen responses (RPO) ({@link NllMixLoss}). */
    public static NllMixLoss withNll(Loss pairLoss, double alpha) {
        return new NllMixLoss(pairLoss, alpha);
    }

    /** DNO's regression step (Algorithm 1, Eq. 8): BCE against soft targets, strength η ({@link DnoRegressionLoss}). */
    public static DnoRegressionLoss dnoRegression(double eta) {
        return new DnoRegressionLoss(eta);
    }

    /** DNO-Prct's contrastive step (Algorithm 2, Eq. 13): DPO with β = η against the previous iterate ({@link DnoContrastiveLoss}). */
    public static DnoContrastiveLoss dnoContrastive(double eta) {
        return new DnoContrastiveLoss(eta);
    }
}
