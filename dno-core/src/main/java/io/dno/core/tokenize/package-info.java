/**
 * Text to token ids and back: Hugging Face {@code tokenizer.json} files through DJL's tokenizers binding
 * (truncation and padding off), a character-level tokenizer for experiments, and chat templates.
 */
package io.dno.core.tokenize;
