package io.dno.cli.spark;

import io.dno.core.annotate.AnnotatorFactory;
import io.dno.core.loop.StageEngine;
import io.dno.core.policy.IterateLoader;
import io.dno.spark.SparkCluster;
import io.dno.spark.SparkSettings;
import java.util.Map;

/**
 * Opens Spark for the command line. Callers see only core types ({@link StageEngine}, {@link Engines}), so dno.jar
 * runs without Spark's jars until Spark is asked for.
 */
public final class SparkEngines {
    private SparkEngines() {}

    /** Spark engines on one cluster connection: one per run (or per quickstart seed); closing stops Spark. */
    public interface Engines extends AutoCloseable {
        /** An engine whose executors open iterates with {@code policy} and judge with {@code annotator}. */
        StageEngine engine(IterateLoader policy, AnnotatorFactory annotator);

        @Override
        void close();
    }

    /**
     * A connection to {@code master} (Spark starts when a stage first needs it).
     *
     * @param partitions Spark tasks per stage call (0: one per chunk)
     * @param conf       Spark configuration ({@code spark.*} keys)
     */
    public static Engines connect(String master, int partitions, Map<String, String> conf) {
        requireSparkJars(master);
        SparkCluster cluster = SparkCluster.connect(new SparkSettings(master, partitions, conf, "dno"));
        return new Engines() {
            @Override
            public StageEngine engine(IterateLoader policy, AnnotatorFactory annotator) {
                return cluster.engine(policy, annotator);
            }

            @Override
            public void close() {
                cluster.close();
            }
        };
    }

    /** Fails with what to do when Spark's classes are not on the class path. */
    static void requireSparkJars(String master) {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SparkEngines.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Spark engine (master " + master + ") needs Spark's jars on the class "
                    + "path, which dno.jar leaves out: run through ./dno (it adds the jars listed in "
                    + "dno-spark/target/spark.classpath when --spark-master or engine: {type: spark} is given), or "
                    + "submit with spark-submit (README \"Scaling out\")");
        }
    }
}
