/**
 * New things from nothing: a randomly initialised model directory in Hugging Face's layout with a byte-level
 * tokenizer ({@code dno init-model}), and a runnable project around one ({@code dno init}: model, prompts, teacher
 * answers, held-out prompts and a commented {@code run.yaml}).
 */
package io.dno.cli.init;
