package io.dno.cli.quickstart.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Prompt;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptPoolsTest {
    private static final PoolSizes SIZES = new PoolSizes(400, 3, 120, 40, 80);

    @Test
    void poolsHaveTheirSizesAndShareNoPromptTextOrId() {
        PromptPools pools = PromptPools.generate(11, SIZES);
        assertEquals(400, pools.sft().size());
        assertEquals(3, pools.partitions().size());
        pools.partitions().forEach(p -> assertEquals(120, p.size()));
        assertEquals(40, pools.validation().size());
        assertEquals(80, pools.evaluation().size());
        List<Prompt> all = new ArrayList<>(pools.sft());
        all.addAll(pools.allPartitions());
        all.addAll(pools.validation());
        all.addAll(pools.evaluation());
        assertEquals(SIZES.total(), all.size());
        Set<String> texts = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Prompt p : all) {
            assertTrue(texts.add(p.text()), "text twice: " + p.text());
            assertTrue(ids.add(p.id()), "id twice: " + p.id());
        }
    }

    @Test
    void theSameSeedGivesTheSamePoolsAndAnotherSeedOthers() {
        assertEquals(PromptPools.generate(5, SIZES), PromptPools.generate(5, SIZES));
        assertNotEquals(PromptPools.generate(5, SIZES).evaluation(), PromptPools.generate(6, SIZES).evaluation());
    }

    @Test
    void everyPoolHoldsTheFamiliesInEqualShares() {
        PromptPools pools = PromptPools.generate(3, SIZES);
        for (List<Prompt> pool : List.of(pools.sft(), pools.partitions().get(1), pools.evaluation())) {
            Map<TaskFamily, Integer> counts = new EnumMap<>(TaskFamily.class);
            pool.forEach(p -> counts.merge(Task.of(p).family(), 1, Integer::sum));
            int expected = pool.size() / TaskFamily.values().length;
            counts.values().forEach(c -> assertTrue(Math.abs(c - expected) <= 1, counts.toString()));
            assertEquals(TaskFamily.values().length, counts.size());
        }
    }

    @Test
    void overlappingPoolsAreRejected() {
        Prompt p = Prompt.of("a", "rev abc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PromptPools(List.of(p), List.of(List.of(Prompt.of("b", "rev abc"))), List.of(), List.of()));
        assertTrue(e.getMessage().contains("rev abc"), e.getMessage());
    }

    @Test
    void poolsLargerThanTheWorldAreRejectedNamingTheFamily() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PromptPools.generate(1, new PoolSizes(30_000, 1, 1, 0, 1)));
        assertTrue(e.getMessage().contains("REVERSE") && e.getMessage().contains("smaller"), e.getMessage());
    }
}
