package io.dno.spark;

import java.io.Serializable;
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
}
