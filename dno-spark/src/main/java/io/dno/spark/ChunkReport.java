package io.dno.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * What a task tells the driver about one chunk: small numbers only (the chunk's output is in its part file).
 *
 * @param index          the chunk
 * @param skipped        its part existed already (a retried or duplicate task, or a resumed stage)
 * @param process        the executor JVM that ran it (executor id and a per-JVM nonce)
 * @param loadSeconds    time to obtain the policy (0 when the executor's cached one was used)
 * @param computeSeconds decoding, scoring or judging
 * @param writeSeconds   writing the part atomically
 * @param tokens         answer tokens generated (decoding only)
 * @param countersBefore the executor annotator's cumulative counters when the chunk started (annotation only)
 * @param countersAfter  the same when it ended
 */
record ChunkReport(int index, boolean skipped, String process, double loadSeconds, double computeSeconds,
                   double writeSeconds, long tokens, Map<String, Double> countersBefore,
                   Map<String, Double> countersAfter) implements Serializable {

    static ChunkReport skipped(int index, String process) {
        return new ChunkReport(index, true, process, 0, 0, 0, 0, Map.of(), Map.of());
    }
}
