package io.dno.cli.quickstart.world;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How many prompts each pool of the world holds.
 *
 * @param sft           prompts of the teacher demonstrations the student is initialised on (the Orca-2.5 SFT role)
 * @param partitions    number of DNO prompt partitions, one per iteration (the paper uses 3)
 * @param perPartition  prompts in each partition
 * @param validation    held-out prompts for choosing among iterates
 * @param evaluation    held-out prompts every method is evaluated on (the AlpacaEval role)
 */
public record PoolSizes(int sft, int partitions, int perPartition, int validation, int evaluation) {

    /**
     * The default sizes: 12,000 SFT prompts (what the student needs to pass gate G1, {@code QuickstartSizing}), 3
     * partitions of 300, 100 validation and 200 evaluation prompts.
     */
    public static final PoolSizes DEFAULT = new PoolSizes(12_000, 3, 300, 100, 200);

    public PoolSizes withSft(int n) {
        return new PoolSizes(n, partitions, perPartition, validation, evaluation);
    }

    public PoolSizes withPartitions(int count, int size) {
        return new PoolSizes(sft, count, size, validation, evaluation);
    }

    public PoolSizes {
        checkArgument(sft >= 1, "sft pool size must be >= 1, got %s", sft);
        checkArgument(partitions >= 1, "partitions must be >= 1, got %s", partitions);
        checkArgument(perPartition >= 1, "perPartition must be >= 1, got %s", perPartition);
        checkArgument(validation >= 0, "validation pool size must be >= 0, got %s", validation);
        checkArgument(evaluation >= 1, "evaluation pool size must be >= 1, got %s", evaluation);
    }

    /** All prompts of all pools. */
    public int total() {
        return sft + partitions * perPartition + validation + evaluation;
    }
}
