package io.dno.core.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Replay of earlier pairs (Rosset et al. 2024 §5.1): at most 30% of t-1, 15% of t-2, halving. */
class PairReplayProperties {

    @Property
    void replaysAtMostTheDecayingShareOfEachEarlierIteration(
            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = 60) Integer> sizes,
            @ForAll long seed) {
        int iteration = sizes.size() + 1;
        Map<Integer, List<PreferencePair>> earlier = history(sizes);
        List<PreferencePair> fresh = pairs(iteration, 7);
        List<PreferencePair> mixed = PairReplay.PAPER.mix(iteration, fresh, earlier, seed);

        assertEquals(fresh, mixed.subList(0, fresh.size()), "fresh pairs come first, unchanged");
        for (int source = 1; source < iteration; source++) {
            int from = source;
            long replayed = mixed.stream().skip(fresh.size()).filter(p -> p.iteration() == from).count();
            double share = 0.30 * Math.pow(0.5, iteration - source - 1);
            assertEquals((long) Math.floor(share * sizes.get(source - 1) + 1e-9), replayed,
                    "pairs replayed from iteration " + source);
            assertTrue(replayed <= share * sizes.get(source - 1) + 1e-9);
        }
    }

    @Property
    void replayedPairsAreDistinctMembersOfTheirIteration(
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 40) Integer> sizes, @ForAll long seed) {
        int iteration = sizes.size() + 1;
        Map<Integer, List<PreferencePair>> earlier = history(sizes);
        List<PreferencePair> replayed = PairReplay.PAPER.mix(iteration, List.of(), earlier, seed);
        assertEquals(replayed.size(), new HashSet<>(replayed).size(), "a pair was replayed twice");
        for (PreferencePair p : replayed) {
            assertTrue(earlier.get(p.iteration()).contains(p), () -> "not a pair of its iteration: " + p);
        }
    }

    @Property
    void theSameSeedGivesTheSameSample(@ForAll @IntRange(min = 10, max = 80) int size, @ForAll long seed) {
        Map<Integer, List<PreferencePair>> earlier = Map.of(1, pairs(1, size), 2, pairs(2, size));
        assertEquals(PairReplay.PAPER.mix(3, List.of(), earlier, seed),
                PairReplay.PAPER.mix(3, List.of(), new HashMap<>(earlier), seed));
    }

    @Property(tries = 50)
    void differentSeedsUsuallyGiveDifferentSamples(@ForAll long seed) {
        Map<Integer, List<PreferencePair>> earlier = Map.of(1, pairs(1, 100));
        assertTrue(!PairReplay.PAPER.mix(2, List.of(), earlier, seed)
                .equals(PairReplay.PAPER.mix(2, List.of(), earlier, seed + 1)));
    }

    @Property
    void rejectsATrainingSetPassedAsAnIterationsOwnPairs(@ForAll @IntRange(min = 2, max = 5) int iteration) {
        Map<Integer, List<PreferencePair>> wrong = Map.of(iteration - 1, pairs(iteration - 2 == 0 ? 3 : 1, 3));
        assertThrows(IllegalArgumentException.class, () -> PairReplay.PAPER.mix(iteration, List.of(), wrong, 1));
    }

    @Property
    void noReplayKeepsOnlyTheFreshPairs(@ForAll @IntRange(min = 0, max = 30) int size) {
        List<PreferencePair> fresh = pairs(3, 4);
        assertEquals(fresh, PairReplay.NONE.mix(3, fresh, Map.of(1, pairs(1, size), 2, pairs(2, size)), 9));
    }

    private static Map<Integer, List<PreferencePair>> history(List<Integer> sizes) {
        Map<Integer, List<PreferencePair>> earlier = new HashMap<>();
        for (int i = 0; i < sizes.size(); i++) {
            earlier.put(i + 1, pairs(i + 1, sizes.get(i)));
        }
        return earlier;
    }

    private static List<PreferencePair> pairs(int iteration, int count) {
        List<PreferencePair> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Prompt p = Prompt.of("it" + iteration + "-p" + i, "q");
            out.add(PreferencePair.of(p, Response.teacher(p.id(), "good"), Response.student(p.id(), "bad"), 2,
                    iteration));
        }
        return out;
    }
}
