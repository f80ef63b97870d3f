/**
 * The command line's door to the Spark engine (dno-spark): the only package of dno-cli that names Spark's classes,
 * loaded only when {@code --spark-master} or an {@code engine: {type: spark}} section asks for Spark, after checking
 * that Spark's jars are on the class path.
 */
package io.dno.cli.spark;
