package io.dno.spark;

import java.util.List;

/**
 * Where the time of one engine call went, for logs and {@code dno bench spark}: wall time on the driver, Spark's share
 * of it (submitting the job and scheduling tasks: wall time of the job less the busiest executor's time in chunks),
 * and the executors' summed time opening the policy, computing and writing parts.
 *
 * @param call             {@code sample}, {@code annotate}, {@code reference}, {@code eval-decode}, ...
 * @param chunks           chunks of the call
 * @param computed         chunks computed by this call's tasks
 * @param skipped          chunks whose part existed (resumed, retried or duplicate)
 * @param executors        executor JVMs that computed chunks
 * @param wallSeconds      the whole call on the driver (hashing, the job, merging)
 * @param jobSeconds       the Spark job alone
 * @param overheadSeconds  the job less the busiest executor's time in chunks: Spark's fixed cost of the call
 * @param loadSeconds      opening policies, summed over executors
 * @param computeSeconds   decoding, scoring or judging, summed over chunks
 * @param writeSeconds     writing parts, summed over chunks
 * @param mergeSeconds     the driver reading the parts back
 * @param tokens           answer tokens decoded
 */
public record CallTrace(String call, int chunks, int computed, int skipped, List<String> executors,
                        double wallSeconds, double jobSeconds, double overheadSeconds, double loadSeconds,
                        double computeSeconds, double writeSeconds, double mergeSeconds, long tokens) {
    public CallTrace {
        executors = List.copyOf(executors);
    }
}
