/**
 * Evaluation, tensor-free (model work goes through {@code io.dno.core.model}):
 * <ul>
 *   <li>against the teacher on held-out prompts, judged by the annotator, inside the loop: win rate (ties count
 *       half), a length-controlled win rate in the manner of AlpacaEval 2.0 (the paper's main metric, Rosset et al.
 *       2024 §5.1), mean judge score and answer lengths ({@link io.dno.core.eval.Evaluation},
 *       {@link io.dno.core.eval.LengthControl});</li>
 *   <li>the way the field measures a policy, for {@code dno eval}: lm-evaluation-harness's multiple-choice
 *       {@code acc} / {@code acc_norm} ({@link io.dno.core.eval.MultipleChoice}), TRL's implicit-reward accuracy on
 *       preference pairs ({@link io.dno.core.eval.PairAccuracy}), AlpacaEval's {@code model_outputs.json} and its
 *       length-controlled GLM ({@link io.dno.core.eval.AlpacaOutputs}, {@link io.dno.core.eval.AlpacaLengthControl}).</li>
 * </ul>
 */
package io.dno.core.eval;
