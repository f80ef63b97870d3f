package io.dno.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Prompt;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PromptPartitionsTest {

    @Property(tries = 60)
    void partitionsAreDisjointCoverEverythingAndDifferByAtMostOne(@ForAll @IntRange(min = 1, max = 7) int count,
                                                                 @ForAll @IntRange(min = 7, max = 60) int n,
                                                                 @ForAll long seed) {
        List<Prompt> prompts = IntStream.range(0, n).mapToObj(i -> Prompt.of("p" + i, "t")).toList();
        List<List<Prompt>> parts = PromptPartitions.split(prompts, count, seed);
        assertEquals(count, parts.size());
        Set<Prompt> seen = new HashSet<>();
        parts.forEach(part -> part.forEach(p -> assertTrue(seen.add(p), "prompt in two partitions")));
        assertEquals(n, seen.size());
        int min = parts.stream().mapToInt(List::size).min().orElseThrow();
        int max = parts.stream().mapToInt(List::size).max().orElseThrow();
        assertTrue(max - min <= 1);
        assertEquals(parts, PromptPartitions.split(prompts, count, seed), "reproducible");
    }

    @Property(tries = 10)
    void tooFewPromptsAreRejected(@ForAll @IntRange(min = 2, max = 5) int count) {
        List<Prompt> prompts = IntStream.range(0, count - 1).mapToObj(i -> Prompt.of("p" + i, "t")).toList();
        assertThrows(IllegalArgumentException.class, () -> PromptPartitions.split(prompts, count, 0));
    }

    @Property(tries = 1)
    void manifestDifferencesNameTheSetting() {
        RunManifest a = new RunManifest(Map.of("seed", "1", "loss", "dpo"), Map.of("created", "x"));
        RunManifest b = new RunManifest(Map.of("seed", "2", "loss", "dpo"), Map.of("created", "y"));
        assertEquals(List.of("seed: the run directory has 2, this run has 1"), a.differencesFrom(b));
        assertEquals(List.of(), a.differencesFrom(new RunManifest(a.settings(), Map.of())));
    }
}
