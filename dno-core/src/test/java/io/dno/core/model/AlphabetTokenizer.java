package io.dno.core.model;

import io.dno.core.tokenize.Tokenizer;
import java.util.OptionalInt;

/** Test tokenizer over "a".."z" and space: ids 3..29; 0 = pad, 1 = BOS, 2 = EOS. Vocabulary 30. */
final class AlphabetTokenizer implements Tokenizer {
    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz ";
    static final int VOCAB = ALPHABET.length() + 3;

    @Override
    public int[] encode(String text) {
        return text.chars().map(c -> {
            int i = ALPHABET.indexOf(c);
            if (i < 0) {
                throw new IllegalArgumentException("AlphabetTokenizer cannot encode '" + (char) c + "'");
            }
            return i + 3;
        }).toArray();
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id >= 3) {
                sb.append(ALPHABET.charAt(id - 3));
            }
        }
        return sb.toString();
    }

    @Override
    public int vocabSize() {
        return VOCAB;
    }

    @Override
    public OptionalInt eosId() {
        return OptionalInt.of(2);
    }

    @Override
    public OptionalInt bosId() {
        return OptionalInt.of(1);
    }

    @Override
    public int padId() {
        return 0;
    }
}
