package io.dno.core.model;

import io.dno.core.tokenize.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/** Test tokenizer: UTF-8 bytes shifted by 3; 0 = pad, 1 = BOS, 2 = EOS. Vocabulary 259. */
final class ByteTokenizer implements Tokenizer {
    static final int PAD = 0;
    static final int BOS = 1;
    static final int EOS = 2;
    static final int VOCAB = 259;

    @Override
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = (bytes[i] & 0xff) + 3;
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id >= 3) {
                out.write(id - 3);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return VOCAB;
    }

    @Override
    public OptionalInt eosId() {
        return OptionalInt.of(EOS);
    }

    @Override
    public OptionalInt bosId() {
        return OptionalInt.of(BOS);
    }

    @Override
    public int padId() {
        return PAD;
    }
}
