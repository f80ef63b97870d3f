package io.dno.annotators.judge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which a judge sees a prompt's candidates: a seeded shuffle that depends only on the seed
 * and the prompt id, so a rerun presents the same order while position bias is spread across candidates
 * (the teacher's answer is not always last).
 */
public final class CandidateOrder {

    private CandidateOrder() {}

    /** {@code order.get(position)} is the index of the candidate shown at {@code position}. */
    public static List<Integer> shuffled(int count, long seed, String promptId) {
        List<Integer> order = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        long mixed = seed * 0x9E3779B97F4A7C15L ^ (promptId.hashCode() * 0xC2B2AE3D27D4EB4FL);
        Collections.shuffle(order, new Random(mixed));
        return List.copyOf(order);
    }

    /** {@code order} back to front: the position swap of a second pass. */
    public static List<Integer> reversed(List<Integer> order) {
        List<Integer> out = new ArrayList<>(order);
        Collections.reverse(out);
        return List.copyOf(out);
    }
}
