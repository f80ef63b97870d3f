package io.dno.core;

import com.google.common.collect.ImmutableList;
import java.util.List;

/** An alignment that cannot run, with every problem found, one per line, each naming the setting and the fix. */
public final class InvalidAlignmentException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidAlignmentException(List<String> problems) {
        super("the alignment cannot run:\n  - " + String.join("\n  - ", problems));
        this.problems = ImmutableList.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
