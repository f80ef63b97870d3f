/**
 * The rules that turn scored candidates into preference pairs, each a small pure class behind the
 * {@link io.dno.core.pairs.PairBuilders} factory, plus the defect detector and the replay of earlier
 * iterations' pairs.
 *
 * <p>These rules decide what the policy learns. They follow Rosset et al. 2024 (arXiv:2404.03715) §5.1
 * exactly: a positive must score at least 5 on the 6-point rubric; it is paired with every candidate at
 * least 2 points lower, or 1 point lower when the positive is a student sample; ties and smaller gaps
 * give nothing; samples with many repeated n-grams are automatic negatives; an exponentially decaying
 * share of earlier pairs is replayed. Every builder is deterministic, independent of candidate order,
 * and property-tested ({@code PairBuilderProperties} and friends).
 *
 * <p>Every pair carries the soft target z* = σ(r_t(y1) − r_t(y2)) of Algorithm 1, Eq. 8, where r_t is the
 * candidate's expected win rate against the prompt's candidates (Algorithm 2 line 5, {@link io.dno.core.pairs.WinRates}):
 * from scalar scores (1 if higher, ½ if tied, 0 if lower) or from a pairwise annotator's own probabilities.
 * {@link io.dno.core.pairs.PairBuilders#allPairs} is Algorithm 1's unfiltered data set D_t.
 *
 * <p>Candidates with identical text are one answer: they are merged before any rule runs (score: the
 * mean of the copies; origin: teacher if any copy is the teacher's), so no pair compares a text with
 * itself and duplicate samples do not duplicate pairs.
 */
package io.dno.core.pairs;
