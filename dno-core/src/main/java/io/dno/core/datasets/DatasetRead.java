package io.dno.core.datasets;

import java.util.List;
import java.util.Map;

/**
 * What a reader produced from one file.
 *
 * @param records the usable records, in file order
 * @param skipped well-formed records left out, counted by reason (e.g. "identical answers")
 */
public record DatasetRead<T>(List<T> records, Map<String, Long> skipped) {

    public DatasetRead {
        records = List.copyOf(records);
        skipped = Map.copyOf(skipped);
    }

    public long skippedCount() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
