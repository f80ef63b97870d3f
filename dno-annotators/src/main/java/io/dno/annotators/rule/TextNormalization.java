package io.dno.annotators.rule;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.text.Normalizer;
import java.util.Locale;

/** How an answer and its reference are compared. */
public enum TextNormalization {
    /** Byte-for-byte equal. */
    @JsonProperty("exact") EXACT,
    /** Equal after trimming and collapsing runs of whitespace to one space. */
    @JsonProperty("whitespace") WHITESPACE,
    /**
     * Equal after Unicode NFKC, lower-casing, collapsing whitespace and dropping trailing punctuation
     * ({@code "The answer is 42."} equals {@code "the answer is 42"}).
     */
    @JsonProperty("lenient") LENIENT;

    public String apply(String text) {
        return switch (this) {
            case EXACT -> text;
            case WHITESPACE -> collapse(text);
            case LENIENT -> collapse(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
                    .replaceAll("[\\p{Punct}\\s]+$", "");
        };
    }

    private static String collapse(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
