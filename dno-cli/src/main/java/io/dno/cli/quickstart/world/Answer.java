package io.dno.cli.quickstart.world;

import java.util.Optional;

/**
 * A response read as an answer of the world: either the bare value ({@code 82}) or the value after the
 * preamble {@code "ans "} ({@code ans 82}), a correct but wordier form that the rubric's conciseness point
 * separates and that a length-biased judge may prefer.
 *
 * @param value       the answer itself: no whitespace, may be of the wrong kind
 * @param hasPreamble whether the response began with {@link #PREAMBLE}
 */
public record Answer(String value, boolean hasPreamble) {

    /** The wordy form's prefix. */
    public static final String PREAMBLE = "ans ";

    /** The answer in {@code response}, or empty when the response is not of either form. */
    public static Optional<Answer> parse(String response) {
        boolean preamble = response.startsWith(PREAMBLE);
        String value = preamble ? response.substring(PREAMBLE.length()) : response;
        if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        return Optional.of(new Answer(value, preamble));
    }

    /** The response text of this answer. */
    public String text() {
        return hasPreamble ? PREAMBLE + value : value;
    }
}
