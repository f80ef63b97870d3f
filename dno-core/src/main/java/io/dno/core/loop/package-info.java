/**
 * The alignment loop's stages and their bookkeeping. So far: the per-iteration statistics of the DNO
 * paper's Table 2 ({@link io.dno.core.loop.IterationStatistics}), computed from the annotated candidates
 * and the new pairs of one iteration.
 */
package io.dno.core.loop;
