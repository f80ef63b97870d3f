package io.dno.cli.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/**
 * The {@code engine} section: where SAMPLE, ANNOTATE, REFERENCE and EVALUATE run, selected by {@code type}:
 * {@code in-process} (the default) or {@code spark} (README "Scaling out"). The loop, pairs and training stay in the
 * driver either way, and both write the same bytes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EngineSpec.InProcess.class, name = "in-process"),
        @JsonSubTypes.Type(value = EngineSpec.Spark.class, name = "spark")})
public sealed interface EngineSpec {

    /** Everything in the driver's JVM. */
    record InProcess() implements EngineSpec {}

    /**
     * Spark executors.
     *
     * @param master     the master URL: {@code local[N]}, {@code spark://host:7077}, {@code yarn}, {@code k8s://...}
     * @param partitions Spark tasks per stage call; 0 or absent: one per chunk of 32 prompts
     * @param conf       Spark configuration, e.g. {@code spark.executor.memory: 8g},
     *                   {@code spark.executor.resource.gpu.amount: 1}
     */
    record Spark(@JsonProperty(value = "master", required = true) String master,
                 @JsonProperty("partitions") Integer partitions,
                 @JsonProperty("conf") Map<String, String> conf) implements EngineSpec {
        public Spark {
            checkArgument(master != null && !master.isBlank(), "engine.master: give a Spark master URL such as "
                    + "local[2] or spark://host:7077");
            checkArgument(partitions == null || partitions >= 0, "engine.partitions must be >= 0 (0: one task per "
                    + "chunk), got %s", partitions);
            conf = conf == null ? Map.of() : Map.copyOf(conf);
            conf.keySet().forEach(k -> checkArgument(k.startsWith("spark."), "engine.conf: '%s' is not a Spark "
                    + "setting (Spark's keys start with 'spark.')", k));
        }

        /** {@code master} instead of this section's (the {@code --spark-master} option). */
        public Spark withMaster(String url) {
            return new Spark(url, partitions, conf);
        }
    }

    /** The engine a {@code --spark-master URL} option asks for: this section's Spark settings on that master. */
    static EngineSpec sparkOn(String url, EngineSpec section) {
        return section instanceof Spark spark ? spark.withMaster(url) : new Spark(url, null, null);
    }
}
