/**
 * Evaluation of a policy against the teacher on held-out prompts, judged by the annotator: win rate (ties
 * count half), a length-controlled win rate in the manner of AlpacaEval 2.0 (the paper's main metric, Rosset
 * et al. 2024 §5.1), mean judge score and answer lengths. Tensor-free.
 */
package io.dno.core.eval;
