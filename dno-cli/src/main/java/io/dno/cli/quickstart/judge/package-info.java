/**
 * The annotator of the quickstart world: the paper's additive 6-point rubric (Rosset et al. 2024 §5.1,
 * Figure 3) mapped to checkable criteria ({@link io.dno.cli.quickstart.judge.Rubric}), points 1-5 absolute and the
 * sixth relative to the candidates of one listwise call, with optional judge noise and an optional length bias
 * ({@link io.dno.cli.quickstart.judge.RubricAnnotator}).
 */
package io.dno.cli.quickstart.judge;
