package io.dno.spark;

import io.dno.core.io.Jsonl;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One unit of distributed work: its index (the part file it writes, {@code part-XXXXX.jsonl}) and its input as JSON
 * lines, so no dno record needs Java serialisation.
 *
 * @param index the chunk's position in the engine call
 * @param lines its input, one JSON value per element (prompts, candidate sets, or indexed pairs)
 */
record Chunk(int index, List<String> lines) implements Serializable {
    Chunk {
        lines = List.copyOf(lines);
    }

    /** One chunk per group of {@code groups}, in order, each element written as a JSON line. */
    static List<Chunk> ofGroups(List<? extends List<?>> groups) {
        List<Chunk> out = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            out.add(new Chunk(i, groups.get(i).stream().map(Jsonl::toLine).toList()));
        }
        return out;
    }
}
