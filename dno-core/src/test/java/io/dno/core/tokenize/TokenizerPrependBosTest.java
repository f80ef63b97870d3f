package io.dno.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@link Tokenizer#prependBos}: BOS goes in front only when the tokenizer has one. */
class TokenizerPrependBosTest {
    private static Tokenizer withBos(OptionalInt bos) {
        return new Tokenizer() {
            @Override
            public int[] encode(String text) {
                return text.chars().toArray();
            }

            @Override
            public String decode(int[] ids) {
                return new String(ids, 0, ids.length);
            }

            @Override
            public int vocabSize() {
                return 128;
            }

            @Override
            public OptionalInt eosId() {
                return OptionalInt.empty();
            }

            @Override
            public OptionalInt bosId() {
                return bos;
            }

            @Override
            public int padId() {
                return 0;
            }
        };
    }

    @Test
    void prependsBosWhenThereIsOneAndLeavesTheIdsAloneOtherwise() {
        assertArrayEquals(new int[] {1, 97, 98}, withBos(OptionalInt.of(1)).prependBos(new int[] {97, 98}));
        assertArrayEquals(new int[] {1}, withBos(OptionalInt.of(1)).prependBos(new int[0]));
        assertArrayEquals(new int[] {97, 98}, withBos(OptionalInt.empty()).prependBos(new int[] {97, 98}));
    }
}
