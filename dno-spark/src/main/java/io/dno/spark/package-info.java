/**
 * The Spark stage engine (README "Scaling out"): SAMPLE, ANNOTATE, REFERENCE and EVALUATE run as Spark jobs whose
 * tasks are fixed chunks of work ({@link io.dno.core.loop.StageEngine#chunks}, the reference batches of
 * {@link io.dno.core.train.ReferenceLogProbs#batches}), each written atomically to its part file under the step's
 * {@code STAGE-parts/} folder and merged by the driver, so a Spark run writes the same bytes as the in-process engine
 * and a retried task or resumed stage skips the finished chunks. Executors open one policy per JVM from the
 * iterate's checkpoint path ({@link io.dno.spark.ExecutorPolicies}) and one annotator per JVM from a serialisable
 * factory ({@link io.dno.spark.ExecutorAnnotators}). Java API only; Spark is a provided dependency.
 */
package io.dno.spark;
