package io.dno.cli.quickstart.world;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.dno.core.data.Prompt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The world's disjoint prompt pools: SFT pre-training, one partition per DNO iteration (Rosset et al. 2024
 * §5.1: non-overlapping partitions, one per iteration), validation and evaluation. No prompt text occurs in
 * two pools or twice in one. Families take turns, so every pool holds them in equal shares (within one), and each
 * prompt is drawn from its family's blind class with probability {@code blindShare}.
 *
 * @param sft         prompts of the SFT demonstrations
 * @param partitions  the DNO partitions, in iteration order
 * @param validation  held-out prompts for model selection
 * @param evaluation  held-out prompts for the reported numbers
 */
public record PromptPools(List<Prompt> sft, List<List<Prompt>> partitions, List<Prompt> validation,
                          List<Prompt> evaluation) {

    private static final int MAX_ATTEMPTS = 10_000;

    public PromptPools {
        sft = ImmutableList.copyOf(sft);
        partitions = partitions.stream().map(ImmutableList::copyOf).collect(ImmutableList.toImmutableList());
        validation = ImmutableList.copyOf(validation);
        evaluation = ImmutableList.copyOf(evaluation);
        Set<String> texts = new HashSet<>();
        for (Prompt p : all(sft, partitions, validation, evaluation)) {
            checkArgument(texts.add(p.text()), "prompt text '%s' occurs twice: pools must be disjoint", p.text());
        }
    }

    /** Pools of the given sizes drawn from {@code seed}, blind-class prompts with probability {@code blindShare}. */
    public static PromptPools generate(long seed, PoolSizes sizes, double blindShare) {
        checkArgument(blindShare >= 0 && blindShare <= 1, "blindShare must be in [0, 1], got %s", blindShare);
        SplittableRandom random = Seeds.random(seed, "prompt-pools");
        Set<String> seen = new HashSet<>();
        TaskFamily[] families = TaskFamily.values();
        int[] turn = {0};
        java.util.function.BiFunction<String, Integer, List<Prompt>> draw = (name, count) -> {
            List<Prompt> pool = new ArrayList<>(count);
            while (pool.size() < count) {
                TaskFamily family = families[turn[0]++ % families.length];
                boolean blind = random.nextDouble() < blindShare;
                pool.add(Prompt.of(name + "-" + pool.size(), unseen(family, blind, random, seen).text()));
            }
            return pool;
        };
        List<Prompt> sft = draw.apply("sft", sizes.sft());
        List<Prompt> validation = draw.apply("val", sizes.validation());
        List<Prompt> evaluation = draw.apply("eval", sizes.evaluation());
        List<List<Prompt>> partitions = new ArrayList<>();          // drawn last: the held-out pools do not depend on them
        for (int t = 1; t <= sizes.partitions(); t++) {
            partitions.add(draw.apply("part" + t, sizes.perPartition()));
        }
        return new PromptPools(sft, partitions, validation, evaluation);
    }

    /** A task of {@code family} (in its blind class or not) whose text is not in {@code seen} (then added to it). */
    private static Task unseen(TaskFamily family, boolean blind, SplittableRandom random, Set<String> seen) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Task task = family.sample(random, blind);
            if (seen.add(task.text())) {
                return task;
            }
        }
        throw new IllegalArgumentException("the world holds too few distinct " + family + " prompts "
                + (blind ? "in" : "outside") + " its blind class for pools of " + seen.size()
                + "+ prompts: make the pools smaller");
    }

    /** The prompts of every DNO partition, in iteration order (offline methods train on all of them). */
    public List<Prompt> allPartitions() {
        return partitions.stream().flatMap(List::stream).collect(ImmutableList.toImmutableList());
    }

    private static List<Prompt> all(List<Prompt> sft, List<List<Prompt>> partitions, List<Prompt> validation,
                                    List<Prompt> evaluation) {
        List<Prompt> all = new ArrayList<>(sft);
        partitions.forEach(all::addAll);
        all.addAll(validation);
        all.addAll(evaluation);
        return all;
    }
}
