package io.dno.cli.quickstart.world;

/** The kind of string a task family expects as its answer (the rubric's "right kind of answer"). */
public enum AnswerKind {
    /** A non-empty string of the digits 0-9. */
    DIGITS,
    /** A non-empty string of the world's letters. */
    LETTERS;

    /** Whether {@code value} is a non-empty string of this kind. */
    public boolean matches(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = this == DIGITS ? c >= '0' && c <= '9' : TaskFamily.LETTERS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
