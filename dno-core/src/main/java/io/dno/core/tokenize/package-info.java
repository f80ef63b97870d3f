/**
 * Text to token ids and back: Hugging Face {@code tokenizer.json} files through DJL's tokenizers binding
 * (truncation and padding off), a character-level tokenizer for experiments, a byte-level tokenizer that needs no
 * training (what {@code dno init-model} writes), and chat templates.
 */
package io.dno.core.tokenize;
