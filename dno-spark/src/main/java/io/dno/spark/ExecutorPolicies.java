package io.dno.spark;

import io.dno.core.policy.IterateLoader;
import io.dno.core.policy.TrainablePolicy;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one policy an executor JVM holds: opened lazily from the iterate's checkpoint path by the run's
 * {@link IterateLoader} and kept, keyed by path and content hash, until a task asks for another iterate (then the old
 * one is closed first, so two models are never resident). Tasks use it one at a time (the model's own intra-op
 * threads use the executor's cores); the policy never travels in a closure.
 */
final class ExecutorPolicies {
    private static final Logger log = LoggerFactory.getLogger(ExecutorPolicies.class);
    private static final ReentrantLock LOCK = new ReentrantLock(true);
    private static String key;
    private static IterateLoader heldLoader;
    private static TrainablePolicy policy;

    private ExecutorPolicies() {}

    /** The policy while a task uses it; closing the lease lets the next task in. */
    static final class Lease implements AutoCloseable {
        private final TrainablePolicy policy;
        private final double loadSeconds;

        private Lease(TrainablePolicy policy, double loadSeconds) {
            this.policy = policy;
            this.loadSeconds = loadSeconds;
        }

        TrainablePolicy policy() {
            return policy;
        }

        /** Seconds spent opening the iterate for this lease (0 when the cached one served). */
        double loadSeconds() {
            return loadSeconds;
        }

        @Override
        public void close() {
            LOCK.unlock();
        }
    }

    /** Waits for the policy, opening {@code checkpoint} (whose content hash is {@code hash}) unless it is held. */
    static Lease lease(IterateLoader loader, Path checkpoint, String hash) {
        LOCK.lock();
        try {
            String wanted = checkpoint.toAbsolutePath() + "#" + hash;
            double seconds = 0;
            if (!wanted.equals(key) || !loader.equals(heldLoader)) {
                release();
                long start = System.nanoTime();
                policy = loader.open(checkpoint);
                key = wanted;
                heldLoader = loader;
                seconds = (System.nanoTime() - start) / 1e9;
                log.info("{}: opened {} in {} s", ExecutorProcess.name(), checkpoint, seconds);
            }
            return new Lease(policy, seconds);
        } catch (RuntimeException e) {
            LOCK.unlock();
            throw e;
        }
    }

    /** Closes the held policy (local mode: when the engine's Spark context stops). */
    static void clear() {
        LOCK.lock();
        try {
            release();
        } finally {
            LOCK.unlock();
        }
    }

    private static void release() {
        if (policy != null) {
            TrainablePolicy old = policy;
            policy = null;
            key = null;
            heldLoader = null;
            old.close();
        }
    }
}
