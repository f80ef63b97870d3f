package io.dno.core.tokenize;

import java.util.OptionalInt;

/**
 * Text to token ids and back, without truncation or padding: the policy decides lengths itself.
 * Implementations are thread-safe.
 */
public interface Tokenizer extends AutoCloseable {

    /** The ids of {@code text}, with no special tokens added and nothing truncated. */
    int[] encode(String text);

    /** The text of {@code ids}, special tokens skipped. */
    String decode(int[] ids);

    /** Number of ids the tokenizer can produce (the model's vocabulary must be at least this large). */
    int vocabSize();

    /** The end-of-sequence id that stops generation, if the tokenizer has one. */
    OptionalInt eosId();

    /** The beginning-of-sequence id prepended to prompts, if the tokenizer has one. */
    OptionalInt bosId();

    /** The id used to fill padded positions (never attended to). */
    int padId();

    @Override
    default void close() {}
}
