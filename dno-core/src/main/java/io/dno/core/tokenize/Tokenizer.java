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

    /** {@code ids} with {@link #bosId()} in front when the tokenizer has one, as a prompt is conditioned on. */
    default int[] prependBos(int[] ids) {
        if (bosId().isEmpty()) {
            return ids;
        }
        int[] out = new int[ids.length + 1];
        out[0] = bosId().getAsInt();
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    @Override
    default void close() {}
}
