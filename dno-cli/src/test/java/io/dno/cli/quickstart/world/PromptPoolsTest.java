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
        PromptPools pools = PromptPools.generate(11, SIZES, 0.25);
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
        assertEquals(PromptPools.generate(5, SIZES, 0.25), PromptPools.generate(5, SIZES, 0.25));
        assertNotEquals(PromptPools.generate(5, SIZES, 0.25).evaluation(),
                PromptPools.generate(6, SIZES, 0.25).evaluation());
    }

    @Test
    void everyPoolHoldsTheFamiliesInEqualShares() {
        PromptPools pools = PromptPools.generate(3, SIZES, 0.25);
        for (List<Prompt> pool : List.of(pools.sft(), pools.partitions().get(1), pools.evaluation())) {
            Map<TaskFamily, Integer> counts = new EnumMap<>(TaskFamily.class);
            pool.forEach(p -> counts.merge(Task.of(p).family(), 1, Integer::sum));
            int expected = pool.size() / TaskFamily.values().length;
            counts.values().forEach(c -> assertTrue(Math.abs(c - expected) <= 1, counts.toString()));
            assertEquals(TaskFamily.values().length, counts.size());
        }
    }

    @Test
    void theBlindClassHoldsTheAskedShareOfThePrompts() {
        for (double share : new double[] {0, 0.1, 0.4, 1}) {
            List<Prompt> sft = PromptPools.generate(8, new PoolSizes(4000, 1, 1, 0, 1), share).sft();
            long blind = sft.stream().filter(p -> Task.of(p).inBlindClass()).count();
            double sd = Math.sqrt(share * (1 - share) / sft.size());
            assertEquals(share, blind / (double) sft.size(), 5 * sd + 1e-12, "share " + share);
        }
    }

    @Test
    void overlappingPoolsAreRejected() {
        Prompt p = Prompt.of("a", "next abc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PromptPools(List.of(p), List.of(List.of(Prompt.of("b", "next abc"))), List.of(), List.of()));
        assertTrue(e.getMessage().contains("next abc"), e.getMessage());
    }

    @Test
    void poolsLargerThanTheWorldAreRejectedNamingTheFamily() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PromptPools.generate(1, new PoolSizes(400_000, 1, 1, 0, 1), 0.5));
        assertTrue(e.getMessage().contains("smaller"), e.getMessage());
    }
}
