package io.dno.cli.readme;

import java.util.List;

/**
 * One fenced code block of the README and the {@code <!-- readme-test: ... -->} marker right above it.
 *
 * @param fenceLine the 1-based line of the opening fence; the block's first line is {@code fenceLine + 1}
 * @param language  the fence's info string ({@code bash}, {@code yaml}, {@code json}, {@code java}, ...)
 * @param lines     the block's lines, without the fences
 * @param marker    the marker, or null when the line above the fence is not one
 */
record ReadmeBlock(int fenceLine, String language, List<String> lines, ReadmeMarker marker) {

    /** The block's text, one line per line, ending with a newline. */
    String text() {
        return String.join("\n", lines) + "\n";
    }

    /** The README line of the block's line {@code n} (1-based). */
    int readmeLine(int n) {
        return fenceLine + n;
    }

    /** "README.md:LINE" of the opening fence, for messages. */
    String where() {
        return "README.md:" + fenceLine;
    }
}
