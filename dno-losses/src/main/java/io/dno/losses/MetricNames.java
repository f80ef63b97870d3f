package io.dno.losses;

/** The metric names a loss reports, as TRL's DPOTrainer logs them. */
public final class MetricNames {
    /** The scalar loss of the step. */
    public static final String LOSS = "loss";
    /** Mean implicit reward of the chosen side, β·mean(log-ratio of y⁺). */
    public static final String REWARDS_CHOSEN = "rewards/chosen";
    /** Mean implicit reward of the rejected side, β·mean(log-ratio of y⁻). */
    public static final String REWARDS_REJECTED = "rewards/rejected";
    /** Mean of (chosen reward − rejected reward). */
    public static final String REWARDS_MARGINS = "rewards/margins";
    /** Share of pairs whose chosen reward exceeds the rejected reward. */
    public static final String REWARDS_ACCURACIES = "rewards/accuracies";
    /** Mean summed log-prob of the chosen responses under the policy. */
    public static final String LOGPS_CHOSEN = "logps/chosen";
    /** Mean summed log-prob of the rejected responses under the policy. */
    public static final String LOGPS_REJECTED = "logps/rejected";
    /** The per-token NLL of the chosen responses added by {@link Losses#withNll}. */
    public static final String NLL_LOSS = "nll_loss";

    private MetricNames() {}
}
