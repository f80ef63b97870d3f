/**
 * A Llama-family decoder (Llama, Qwen2, Mistral) written on raw DJL NDArrays: the Hugging Face
 * {@code config.json} ({@link io.dno.core.model.TransformerConfig}), the network
 * ({@link io.dno.core.model.Transformer}), sequence log-probabilities for training
 * ({@link io.dno.core.model.SequenceLogProbs}), batched KV-cache sampling
 * ({@link io.dno.core.model.Generator}), checkpoint directories and the tensor-free
 * {@link io.dno.core.model.TransformerPolicy}.
 *
 * <p>Memory rule: the model owns one {@code NDManager} for its parameters. Every forward pass puts its
 * intermediates and results in the manager of its input ids (DJL attaches an op's result to the manager
 * of its first operand), so callers run each step in a sub-manager and close it.
 */
package io.dno.core.model;
