package io.dno.spark;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;
import java.util.TreeMap;

/**
 * How to reach Spark: the master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn}, {@code k8s://...}),
 * how many tasks a stage is cut into, and any Spark configuration ({@code spark.executor.memory},
 * {@code spark.executor.resource.gpu.amount}, ...).
 *
 * @param master     the master URL
 * @param partitions Spark tasks per engine call; 0: one per chunk (the default; chunks are the unit of work and of
 *                   resume either way, a task with several chunks writes one part per chunk)
 * @param conf       Spark configuration, applied after dno's defaults (so it overrides them)
 * @param appName    the application's name in the Spark UI
 */
public record SparkSettings(String master, int partitions, Map<String, String> conf, String appName) {

    public SparkSettings {
        checkArgument(master != null && !master.isBlank(), "master: give a Spark master URL such as local[2] or "
                + "spark://host:7077");
        checkArgument(partitions >= 0, "partitions must be >= 0 (0: one task per chunk), got %s", partitions);
        conf = conf == null ? Map.of() : Map.copyOf(new TreeMap<>(conf));
        conf.forEach((k, v) -> checkArgument(k.startsWith("spark."), "conf key '%s' is not a Spark setting: Spark's "
                + "keys start with 'spark.'", k));
        appName = appName == null || appName.isBlank() ? "dno" : appName;
    }

    /** {@code master} with one task per chunk and Spark's defaults. */
    public static SparkSettings of(String master) {
        return new SparkSettings(master, 0, Map.of(), "dno");
    }

    public SparkSettings withPartitions(int n) {
        return new SparkSettings(master, n, conf, appName);
    }

    public SparkSettings withConf(Map<String, String> more) {
        Map<String, String> all = new TreeMap<>(conf);
        all.putAll(more);
        return new SparkSettings(master, partitions, all, appName);
    }

    /** Whether executors run inside the driver's JVM. */
    public boolean isLocal() {
        return master.startsWith("local");
    }

    @Override
    public String toString() {
        return "spark(master=" + master + (partitions > 0 ? ", partitions=" + partitions : "") + ")";
    }
}
