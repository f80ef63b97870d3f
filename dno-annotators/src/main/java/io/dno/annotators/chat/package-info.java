/**
 * Chat models the judges and teachers talk to: an OpenAI-compatible chat-completions client (timeouts,
 * retries with back-off honouring {@code Retry-After}, bounded concurrency, an API key that is never
 * shown) and a local policy seen as a chat model.
 */
package io.dno.annotators.chat;
