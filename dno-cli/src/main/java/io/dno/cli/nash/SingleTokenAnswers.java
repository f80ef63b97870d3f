package io.dno.cli.nash;

import io.dno.core.tokenize.Tokenizer;
import java.util.OptionalInt;

/**
 * The character tokenizer with no end-of-sequence id, so that an answer is exactly one token: the policy scores a
 * response as its tokens alone (no EOS appended) and samples one token. Then π(· | x) is the softmax at the prompt's
 * last position, a categorical distribution over the vocabulary, and the theory's bandit is exact: a move's
 * probability cannot be changed through a second, end-of-sequence token.
 */
final class SingleTokenAnswers implements Tokenizer {
    private final Tokenizer inner;

    SingleTokenAnswers(Tokenizer inner) {
        this.inner = inner;
    }

    @Override
    public int[] encode(String text) {
        return inner.encode(text);
    }

    @Override
    public String decode(int[] ids) {
        return inner.decode(ids);
    }

    @Override
    public int vocabSize() {
        return inner.vocabSize();
    }

    @Override
    public OptionalInt eosId() {
        return OptionalInt.empty();
    }

    @Override
    public OptionalInt bosId() {
        return inner.bosId();
    }

    @Override
    public int padId() {
        return inner.padId();
    }

    @Override
    public void close() {
        inner.close();
    }
}
