/**
 * A classifier reward model (a Bradley-Terry scalar head, {@code LlamaForSequenceClassification} /
 * {@code Qwen2ForSequenceClassification}, loaded by core's {@link io.dno.core.model.RewardModel}) as an
 * {@link io.dno.core.annotate.Annotator}, its raw rewards mapped onto the 0–6 scale of the pair rule by a
 * documented {@link io.dno.annotators.reward.RewardTransform}. Tensor-free.
 */
package io.dno.annotators.reward;
