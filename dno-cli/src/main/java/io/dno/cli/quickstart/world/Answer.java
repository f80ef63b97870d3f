package io.dno.cli.quickstart.world;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * A response read as an answer of the world, in one of three {@link AnswerForm forms}: the bare value
 * ({@code 82}), the value after the preamble {@code "ans "} ({@code ans 82}), or worked out, the input restated
 * before the value ({@code 37+45 so 82}). All three can be correct; they differ only in length.
 *
 * @param value the answer itself: no whitespace, may be of the wrong kind
 * @param form  how the value is written
 * @param echo  the restated input of a {@link AnswerForm#WORKED worked} answer, else the empty string
 */
public record Answer(String value, AnswerForm form, String echo) {

    /** The preamble's prefix. */
    public static final String PREAMBLE = "ans ";
    /** What joins the restated input and the value in a worked answer. */
    public static final String SO = " so ";

    public Answer {
        checkArgument(value != null && !value.isEmpty() && noSpace(value), "an answer's value is one word, got '%s'",
                value);
        checkArgument(form != null, "form is required");
        checkArgument(form == AnswerForm.WORKED ? !echo.isEmpty() && noSpace(echo) : echo.isEmpty(),
                "only a worked answer restates the input (one word), got form %s with '%s'", form, echo);
    }

    /** The answer {@code value} to {@code task} written in {@code form}. */
    public static Answer of(Task task, String value, AnswerForm form) {
        return new Answer(value, form, form == AnswerForm.WORKED ? task.input() : "");
    }

    /** The answer in {@code response}, or empty when the response is not of any of the three forms. */
    public static Optional<Answer> parse(String response) {
        String[] words = response.split(" ", -1);
        for (String w : words) {
            if (w.isEmpty() || !noSpace(w)) {
                return Optional.empty();                   // leading, trailing or double spaces; tabs, newlines
            }
        }
        if (words.length == 1) {
            return Optional.of(new Answer(words[0], AnswerForm.BARE, ""));
        }
        if (words.length == 2 && (words[0] + " ").equals(PREAMBLE)) {
            return Optional.of(new Answer(words[1], AnswerForm.PREAMBLE, ""));
        }
        if (words.length == 3 && (" " + words[1] + " ").equals(SO)) {
            return Optional.of(new Answer(words[2], AnswerForm.WORKED, words[0]));
        }
        return Optional.empty();
    }

    /** Whether this answer is well formed for {@code task}: a worked answer must restate the task's input exactly. */
    public boolean wellFormedFor(Task task) {
        return form != AnswerForm.WORKED || echo.equals(task.input());
    }

    /** The response text of this answer. */
    public String text() {
        return switch (form) {
            case BARE -> value;
            case PREAMBLE -> PREAMBLE + value;
            case WORKED -> echo + SO + value;
        };
    }

    private static boolean noSpace(String s) {
        return s.chars().noneMatch(Character::isWhitespace);
    }
}
