package io.dno.cli.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code run.yaml}: every section maps onto the alignment builder. Relative paths are resolved against the
 * directory of the configuration file. Example:
 *
 * <pre>
 * strategy: {type: dno, iterations: 3, samples_per_prompt: 5, beta: 0.1}
 * policy: {checkpoint: models/sft}
 * data: {prompts: prompts.jsonl, evaluation: heldout.jsonl}
 * teacher: {type: dataset, file: gold.jsonl}
 * annotator: {type: openai, base_url: "http://localhost:8000/v1", model: judge, api_key_env: JUDGE_KEY}
 * loss: {type: dpo, beta: 0.1}
 * sampling: {temperature: 0.7, top_p: 0.95, max_new_tokens: 256}
 * trainer: {learning_rate: 5.0e-7, batch_size: 64, schedule: cosine, warmup_steps: 50}
 * seed: 0
 * engine: {type: spark, master: "spark://head:7077", conf: {spark.executor.memory: 8g}}   # optional
 * </pre>
 */
public record RunConfig(
        @JsonProperty(value = "strategy", required = true) StrategySpec strategy,
        @JsonProperty(value = "policy", required = true) PolicyConfig policy,
        @JsonProperty("data") DataConfig data,
        @JsonProperty("teacher") JsonNode teacher,
        @JsonProperty("annotator") JsonNode annotator,
        @JsonProperty("loss") LossSpec loss,
        @JsonProperty("sampling") SamplingConfig sampling,
        @JsonProperty("trainer") TrainerConfig trainer,
        @JsonProperty("seed") Long seed,
        @JsonProperty("annotation_threads") Integer annotationThreads,
        @JsonProperty("checkpoint_every_steps") Integer checkpointEverySteps,
        @JsonProperty("engine") EngineSpec engine) {

    public RunConfig {
        engine = engine == null ? new EngineSpec.InProcess() : engine;
        data = data == null ? new DataConfig(null, null, null, null, null) : data;
        sampling = sampling == null ? new SamplingConfig(null, null, null, null) : sampling;
        trainer = trainer == null ? new TrainerConfig(null, null, null, null, null, null, null, null, null) : trainer;
    }

    /** This configuration with SAMPLE, ANNOTATE, REFERENCE and EVALUATE on Spark at {@code master}. */
    public RunConfig withSparkMaster(String master) {
        return new RunConfig(strategy, policy, data, teacher, annotator, loss, sampling, trainer, seed, annotationThreads,
                checkpointEverySteps, EngineSpec.sparkOn(master, engine));
    }
}
