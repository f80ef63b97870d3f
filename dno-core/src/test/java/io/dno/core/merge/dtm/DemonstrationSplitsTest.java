package io.dno.core.merge.dtm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemonstrationSplitsTest {

    private static List<Demonstration> data(int n) {
        List<Demonstration> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Demonstration.of(Prompt.of("p" + i, "question " + i), "answer " + i));
        }
        return out;
    }

    @Test
    void randomSplitIsADisjointCoverOfNearEqualSeededPortions() {
        List<Demonstration> data = data(103);
        List<List<Demonstration>> portions = DemonstrationSplits.random(data, 4, 7);
        assertEquals(4, portions.size());
        Set<Demonstration> seen = new HashSet<>();
        portions.forEach(p -> p.forEach(d -> assertTrue(seen.add(d), "in two portions: " + d)));
        assertEquals(new HashSet<>(data), seen);
        portions.forEach(p -> assertTrue(p.size() == 25 || p.size() == 26, "size " + p.size()));
        assertEquals(portions, DemonstrationSplits.random(data, 4, 7));
        assertNotEquals(portions, DemonstrationSplits.random(data, 4, 8));
    }

    @Test
    void kMeansOnCharacterNgramsSeparatesDistinctFamilies() {
        List<Demonstration> data = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            data.add(Demonstration.of(Prompt.of("a" + i, "add"), (i * 7 % 100) + " plus " + (i * 3 % 50) + " equals"));
            data.add(Demonstration.of(Prompt.of("r" + i, "reverse"), "olleh dlrow " + "zyx".repeat(1 + i % 3)));
            data.add(Demonstration.of(Prompt.of("s" + i, "sort"), "abcdefgh".substring(0, 2 + i % 6) + " sorted!"));
        }
        List<List<Demonstration>> portions = DemonstrationSplits.kMeans(data, 3, 1, DemonstrationSplits.Field.RESPONSE);
        for (List<Demonstration> p : portions) {
            assertEquals(30, p.size(), "each cluster is one family: " + p.stream().map(d -> d.prompt().id()).toList());
            char family = p.get(0).prompt().id().charAt(0);
            assertTrue(p.stream().allMatch(d -> d.prompt().id().charAt(0) == family));
        }
        assertEquals(portions, DemonstrationSplits.kMeans(data, 3, 1, DemonstrationSplits.Field.RESPONSE));
    }

    @Test
    void kMeansNeverLeavesAPortionEmpty() {
        List<Demonstration> same = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            same.add(Demonstration.of(Prompt.of("p" + i, "q"), "identical"));
        }
        DemonstrationSplits.kMeans(same, 4, 3, DemonstrationSplits.Field.BOTH)
                .forEach(p -> assertTrue(!p.isEmpty()));
    }
}
