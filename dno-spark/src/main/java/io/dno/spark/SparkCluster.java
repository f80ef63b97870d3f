package io.dno.spark;

import io.dno.core.annotate.AnnotatorFactory;
import io.dno.core.policy.IterateLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to Spark shared by the engines of several runs (the quickstart runs many): the
 * {@link JavaSparkContext}, started on first use and stopped by {@link #close()}. Before the user's configuration
 * it sets what executors of dno need: DJL offline with the driver's cache folders, and, for a cluster without
 * {@code spark.jars} or {@code spark.executor.extraClassPath}, the driver's class path (right when every node sees
 * the same installation, as the run directory must be shared anyway); the Spark UI is off unless enabled.
 */
public final class SparkCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SparkCluster.class);
    private static final List<String> DRIVER_PROPERTIES = List.of("ai.djl.offline", "DJL_CACHE_DIR",
            "ENGINE_CACHE_DIR", "org.slf4j.simpleLogger.defaultLogLevel");

    private final SparkSettings settings;
    private JavaSparkContext context;

    private SparkCluster(SparkSettings settings) {
        this.settings = settings;
    }

    /** A cluster connection; Spark starts when the first stage needs it. */
    public static SparkCluster connect(SparkSettings settings) {
        return new SparkCluster(settings);
    }

    public SparkSettings settings() {
        return settings;
    }

    /**
     * An engine on this cluster whose executors open iterates with {@code policy} and judge with
     * {@code annotator} (null when the runs annotate nothing).
     */
    public SparkEngine engine(IterateLoader policy, AnnotatorFactory annotator) {
        return new SparkEngine(this, policy, annotator);
    }

    /** The Spark context, started on first call. */
    public synchronized JavaSparkContext context() {
        if (context == null) {
            SparkConf conf = new SparkConf().setMaster(settings.master()).setAppName(settings.appName());
            defaults().forEach(conf::set);
            long start = System.nanoTime();
            context = new JavaSparkContext(conf);
            log.info("Spark {} started on {} in {} s", context.version(), settings.master(),
                    (System.nanoTime() - start) / 1e9);
        }
        return context;
    }

    /** Starts Spark if needed and waits until {@code executors} executors have registered. */
    public void awaitExecutors(int executors, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (context().sc().statusTracker().getExecutorInfos().length < executors + 1) {     // + the driver
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(executors + " Spark executor(s) did not register with "
                        + settings.master() + " within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Spark executors", e);
            }
        }
    }

    /** dno's defaults for executors, overridden by the settings' conf. */
    Map<String, String> defaults() {
        Map<String, String> conf = new TreeMap<>();
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.log.level", "WARN");
        String driverOptions = DRIVER_PROPERTIES.stream().filter(p -> System.getProperty(p) != null)
                .map(p -> "-D" + p + "=" + System.getProperty(p)).collect(Collectors.joining(" "));
        String userOptions = given("spark.executor.extraJavaOptions");
        String options = (driverOptions + " " + (userOptions == null ? "" : userOptions)).trim();
        if (!options.isEmpty()) {
            conf.put("spark.executor.extraJavaOptions", options);
        }
        if (!settings.isLocal() && given("spark.jars") == null && given("spark.executor.extraClassPath") == null) {
            conf.put("spark.executor.extraClassPath", ClassPath.asString(ClassPath.entries()));
        }
        settings.conf().forEach((k, v) -> {
            if (!k.equals("spark.executor.extraJavaOptions")) {
                conf.put(k, v);
            }
        });
        return conf;
    }

    /** A setting from the engine's conf, else from the system properties (where spark-submit puts its settings). */
    private String given(String key) {
        String value = settings.conf().get(key);
        return value != null ? value : System.getProperty(key);
    }

    /**
     * Runs {@code work} over the chunks of {@code all} whose part is missing, as one job named {@code name}, and
     * returns the tasks' reports (small; the outputs are in the part files).
     */
    List<ChunkReport> run(String name, PartsFolder folder, List<Chunk> all, ChunkWork work) {
        folder.prepare();
        List<Chunk> todo = folder.missing(all.size()).stream().map(all::get).toList();
        if (todo.isEmpty()) {
            return List.of();
        }
        int slices = settings.partitions() > 0 ? Math.min(settings.partitions(), todo.size()) : todo.size();
        JavaSparkContext jsc = context();
        jsc.setJobDescription(name + ": " + todo.size() + " of " + all.size() + " chunks");
        try {
            return new ArrayList<>(jsc.parallelize(todo, slices).mapPartitions(work).collect());
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " failed on Spark (" + settings.master() + "): " + rootMessage(e)
                    + "; the chunks already written are kept in " + folder.dir() + " and a rerun continues from them",
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof SparkException) {
            int cut = message.indexOf("\n");
            return cut > 0 ? message.substring(0, cut) : message;
        }
        return message;
    }

    /** Stops Spark; in local mode also closes what the executors (this JVM) held. */
    @Override
    public synchronized void close() {
        try {
            if (context != null) {
                context.stop();
                context = null;
            }
        } finally {
            if (settings.isLocal()) {
                ExecutorPolicies.clear();
                ExecutorAnnotators.clear();
            }
        }
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
