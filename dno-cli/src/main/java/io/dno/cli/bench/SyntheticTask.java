package io.dno.cli.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Token ids as response text ("12 40 7") and back, so ids pass through the text-based records unchanged. */
final class SyntheticTask {
    private SyntheticTask() {}

    static String text(int[] ids) {
        return Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }

    static int[] ids(String text) {
        return text.isBlank() ? new int[0] : Arrays.stream(text.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }
}
