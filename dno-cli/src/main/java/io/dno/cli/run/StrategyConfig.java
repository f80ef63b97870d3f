package io.dno.cli.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.Strategy;
import io.dno.core.pairs.PairReplay;
import java.util.List;

/**
 * The {@code strategy} section. {@code type}: sft, sft_positives, dpo, spin, dno, dno_restrictive,
 * dno_lookahead; the other keys override the paper's defaults of that strategy.
 *
 * @param epochs             SFT and DPO: epochs; SPIN and DNO: epochs per iteration
 * @param minMargin          DPO: keep pairs whose margin is at least this
 * @param replay             DNO: replay earlier iterations' pairs (30 %, halving); default true
 * @param positiveMinScore   SFT on positives: the least score of a positive
 */
public record StrategyConfig(@JsonProperty(value = "type", required = true) String type,
                             @JsonProperty("iterations") Integer iterations,
                             @JsonProperty("samples_per_prompt") Integer samplesPerPrompt,
                             @JsonProperty("beta") Double beta,
                             @JsonProperty("epochs") Integer epochs,
                             @JsonProperty("min_margin") Double minMargin,
                             @JsonProperty("replay") Boolean replay,
                             @JsonProperty("positive_min_score") Double positiveMinScore) {

    static final List<String> TYPES = List.of("sft", "sft_positives", "dpo", "spin", "dno", "dno_restrictive",
            "dno_lookahead");

    public StrategyConfig {
        checkArgument(type != null && TYPES.contains(type), "strategy.type must be one of %s, got '%s'", TYPES, type);
    }

    /** The strategy record, with every given key applied and the keys that do not apply rejected. */
    public Strategy toStrategy() {
        return switch (type) {
            case "sft", "sft_positives" -> {
                reject("iterations", iterations, "samples_per_prompt", samplesPerPrompt, "beta", beta, "min_margin",
                        minMargin, "replay", replay);
                Strategy.Sft s = type.equals("sft") ? Strategy.sft() : Strategy.sftOnPositives();
                s = epochs == null ? s : s.withEpochs(epochs);
                yield positiveMinScore == null ? s : s.withPositiveMinScore(positiveMinScore);
            }
            case "dpo" -> {
                reject("iterations", iterations, "samples_per_prompt", samplesPerPrompt, "replay", replay,
                        "positive_min_score", positiveMinScore);
                Strategy.Dpo d = Strategy.dpo();
                d = epochs == null ? d : d.withEpochs(epochs);
                d = beta == null ? d : d.withBeta(beta);
                yield minMargin == null ? d : d.withMinMargin(minMargin);
            }
            case "spin" -> {
                reject("min_margin", minMargin, "replay", replay, "positive_min_score", positiveMinScore);
                Strategy.Spin s = Strategy.spin();
                s = iterations == null ? s : s.withIterations(iterations);
                s = samplesPerPrompt == null ? s : s.withSamplesPerPrompt(samplesPerPrompt);
                s = beta == null ? s : s.withBeta(beta);
                yield epochs == null ? s : new Strategy.Spin(s.iterations(), s.samplesPerPrompt(), s.beta(), epochs);
            }
            default -> {
                reject("min_margin", minMargin, "positive_min_score", positiveMinScore);
                Strategy.Dno d = switch (type) {
                    case "dno_restrictive" -> Strategy.dnoRestrictive();
                    case "dno_lookahead" -> Strategy.dnoLookahead();
                    default -> Strategy.dno();
                };
                d = iterations == null ? d : d.withIterations(iterations);
                d = samplesPerPrompt == null ? d : d.withSamplesPerPrompt(samplesPerPrompt);
                d = beta == null ? d : d.withBeta(beta);
                d = epochs == null ? d : d.withEpochsPerIteration(epochs);
                yield replay == null || replay ? d : d.withReplay(PairReplay.NONE);
            }
        };
    }

    private void reject(Object... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            checkArgument(keyValues[i + 1] == null, "strategy.%s does not apply to strategy type '%s': remove it",
                    keyValues[i], type);
        }
    }
}
