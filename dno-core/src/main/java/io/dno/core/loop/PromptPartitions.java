package io.dno.core.loop;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Prompt;
import io.dno.core.seed.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the prompts into disjoint partitions, one per iteration, as DNO does with UltraFeedback (three
 * non-overlapping thirds; Rosset et al. 2024 §5.1): a seeded shuffle, then contiguous slices whose sizes differ
 * by at most one.
 */
public final class PromptPartitions {
    private PromptPartitions() {}

    /** {@code count} disjoint partitions covering all of {@code prompts}, reproducible under {@code seed}. */
    public static List<List<Prompt>> split(List<Prompt> prompts, int count, long seed) {
        checkArgument(count >= 1, "partition count must be >= 1, got %s", count);
        checkArgument(prompts.size() >= count, "%s prompts cannot fill %s disjoint partitions: give at least one "
                + "prompt per iteration", prompts.size(), count);
        List<Prompt> shuffled = Seeds.shuffled(prompts, seed ^ 0x5DEECE66DL);
        List<List<Prompt>> out = new ArrayList<>();
        int n = shuffled.size();
        for (int k = 0; k < count; k++) {
            out.add(List.copyOf(shuffled.subList(k * n / count, (k + 1) * n / count)));
        }
        return out;
    }
}
