package io.dno.serve;

import io.dno.core.tokenize.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a generated answer into the text pieces a stream sends, one per token where the token adds whole
 * characters: piece j is what decoding the first j + 1 tokens adds to the text so far, held back while it is not
 * a prefix of the final text (an incomplete UTF-8 sequence, or past a stop string). The pieces concatenate to the
 * final text exactly.
 */
final class TextDeltas {
    private TextDeltas() {}

    static List<String> split(Tokenizer tokenizer, int[] tokens, String finalText) {
        List<String> pieces = new ArrayList<>();
        int emitted = 0;
        for (int j = 1; j <= tokens.length && emitted < finalText.length(); j++) {
            String prefix = tokenizer.decode(Arrays.copyOf(tokens, j));
            int upTo = Math.min(prefix.length(), finalText.length());
            if (upTo > emitted && finalText.regionMatches(0, prefix, 0, upTo)) {
                pieces.add(finalText.substring(emitted, upTo));
                emitted = upTo;
            }
        }
        if (emitted < finalText.length()) {
            pieces.add(finalText.substring(emitted));
        }
        return pieces;
    }
}
