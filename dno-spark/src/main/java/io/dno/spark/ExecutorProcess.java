package io.dno.spark;

import java.util.UUID;
import org.apache.spark.SparkEnv;

/** Names the executor JVM a task runs in: Spark's executor id and a nonce per JVM (a restarted executor differs). */
final class ExecutorProcess {
    private static final String NONCE = UUID.randomUUID().toString().substring(0, 8);

    private ExecutorProcess() {}

    /** {@code executor-ID} (ID: Spark's executor id, {@code driver} in local mode), safe in a file name. */
    static String name() {
        SparkEnv env = SparkEnv.get();
        String id = env == null ? "driver" : env.executorId();
        return "executor-" + id.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** {@link #name()} and this JVM's nonce: the key under which annotator counters are summed. */
    static String key() {
        return name() + "@" + NONCE;
    }
}
