package io.dno.cli.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dno.core.Strategy;
import io.dno.core.pairs.PairReplay;

/**
 * The {@code strategy} section, selected by {@code type}: one of {@link Strategy#NAMES}. Each type accepts only its
 * own keys (others are errors naming the key and the known ones); an absent key keeps the paper's default.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = StrategySpec.Sft.class, name = "sft"),
        @JsonSubTypes.Type(value = StrategySpec.SftPositives.class, name = "sft_positives"),
        @JsonSubTypes.Type(value = StrategySpec.Dpo.class, name = "dpo"),
        @JsonSubTypes.Type(value = StrategySpec.Spin.class, name = "spin"),
        @JsonSubTypes.Type(value = StrategySpec.Dno.class, name = "dno"),
        @JsonSubTypes.Type(value = StrategySpec.Dno.class, name = "dno_restrictive"),
        @JsonSubTypes.Type(value = StrategySpec.Dno.class, name = "dno_lookahead")})
public sealed interface StrategySpec {

    /** The strategy with this section's keys applied. */
    Strategy toStrategy();

    /** @param epochs epochs over the demonstrations */
    @JsonIgnoreProperties("type")   // the type id, read by Jackson to pick this record
    record Sft(@JsonProperty("epochs") Integer epochs) implements StrategySpec {
        @Override
        public Strategy toStrategy() {
            Strategy.Sft s = Strategy.sft();
            return epochs == null ? s : s.withEpochs(epochs);
        }
    }

    /**
     * @param epochs           epochs over the teacher's positives
     * @param positiveMinScore the least score of a positive (the paper's 5 of 6)
     */
    @JsonIgnoreProperties("type")   // the type id, read by Jackson to pick this record
    record SftPositives(@JsonProperty("epochs") Integer epochs,
                        @JsonProperty("positive_min_score") Double positiveMinScore) implements StrategySpec {
        @Override
        public Strategy toStrategy() {
            Strategy.Sft s = Strategy.sftOnPositives();
            s = epochs == null ? s : s.withEpochs(epochs);
            return positiveMinScore == null ? s : s.withPositiveMinScore(positiveMinScore);
        }
    }

    /**
     * @param epochs    epochs over the pairs
     * @param beta      β of the default DPO loss
     * @param minMargin keep pairs whose margin is at least this
     */
    @JsonIgnoreProperties("type")   // the type id, read by Jackson to pick this record
    record Dpo(@JsonProperty("epochs") Integer epochs, @JsonProperty("beta") Double beta,
               @JsonProperty("min_margin") Double minMargin) implements StrategySpec {
        @Override
        public Strategy toStrategy() {
            Strategy.Dpo d = Strategy.dpo();
            d = epochs == null ? d : d.withEpochs(epochs);
            d = beta == null ? d : d.withBeta(beta);
            return minMargin == null ? d : d.withMinMargin(minMargin);
        }
    }

    /**
     * @param iterations       iterations, one disjoint prompt partition each
     * @param samplesPerPrompt K student samples per prompt
     * @param beta             β of the default DPO loss
     * @param epochs           epochs per iteration
     * @param replay           replay earlier iterations' pairs (30 %, halving); default true
     */
    @JsonIgnoreProperties("type")   // the type id, read by Jackson to pick this record
    record Spin(@JsonProperty("iterations") Integer iterations,
                @JsonProperty("samples_per_prompt") Integer samplesPerPrompt,
                @JsonProperty("beta") Double beta,
                @JsonProperty("epochs") Integer epochs,
                @JsonProperty("replay") Boolean replay) implements StrategySpec {
        @Override
        public Strategy toStrategy() {
            Strategy.Spin s = Strategy.spin();
            s = iterations == null ? s : s.withIterations(iterations);
            s = samplesPerPrompt == null ? s : s.withSamplesPerPrompt(samplesPerPrompt);
            s = beta == null ? s : s.withBeta(beta);
            s = epochs == null ? s : s.withEpochsPerIteration(epochs);
            return replay == null || replay ? s : s.withReplay(PairReplay.NONE);
        }
    }

    /** DNO, DNO-Restrictive and DNO-Lookahead ({@code type} tells which); keys as {@link Spin}. */
    record Dno(@JsonProperty("type") String type,
               @JsonProperty("iterations") Integer iterations,
               @JsonProperty("samples_per_prompt") Integer samplesPerPrompt,
               @JsonProperty("beta") Double beta,
               @JsonProperty("epochs") Integer epochs,
               @JsonProperty("replay") Boolean replay) implements StrategySpec {
        @Override
        public Strategy toStrategy() {
            Strategy.Dno d = (Strategy.Dno) Strategy.named(type);
            d = iterations == null ? d : d.withIterations(iterations);
            d = samplesPerPrompt == null ? d : d.withSamplesPerPrompt(samplesPerPrompt);
            d = beta == null ? d : d.withBeta(beta);
            d = epochs == null ? d : d.withEpochsPerIteration(epochs);
            return replay == null || replay ? d : d.withReplay(PairReplay.NONE);
        }
    }
}
