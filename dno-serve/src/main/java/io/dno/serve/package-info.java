/**
 * An OpenAI-compatible HTTP server of a local policy ({@link io.dno.serve.PolicyServer}): {@code GET /v1/models},
 * {@code POST /v1/chat/completions} (chat template, sampling, stop, seed, n, logprobs, server-sent events) and
 * {@code POST /v1/completions} (text or token-id prompts, echo, integer logprobs for prompt tokens too: what
 * lm-evaluation-harness's {@code local-completions} sends). Errors are OpenAI error objects with their status.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} (no dependency beyond dno-core): handler threads parse and
 * validate, then hand generation to one {@link io.dno.serve.Engine} thread that owns the model and runs queued
 * requests with the same sampling settings as one batch of the core {@link io.dno.core.model.Generator}. The
 * queue is bounded (429 when full); closing drains it (in-flight requests finish) before the port closes.
 * Tensor-free: the model work goes through dno-core's model package.
 */
package io.dno.serve;
