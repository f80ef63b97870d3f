package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDManager;
import io.dno.core.model.ChosenRejectedLogProbs;
import io.dno.core.model.LogProbs;
import io.dno.core.io.DataFileException;
import io.dno.core.io.Jsonl;
import io.dno.core.model.Transformer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reference policy's summed log-probs of every pair's two sides, computed once with the reference
 * frozen and kept as plain numbers: the reference never stays resident beside the policy (TRL's
 * {@code precompute_ref_log_probs}). For DNO and SPIN the reference is the previous iterate π_t
 * (Rosset et al. 2024, Eq. 13); for offline DPO the initial model.
 *
 * @param chosen   log π_ref(y⁺|x) per pair
 * @param rejected log π_ref(y⁻|x) per pair
 */
public record ReferenceLogProbs(double[] chosen, double[] rejected) {

    public ReferenceLogProbs {
        checkArgument(chosen.length == rejected.length, "chosen has %s values but rejected %s", chosen.length,
                rejected.length);
    }

    public int size() {
        return chosen.length;
    }

    /**
     * Scores every pair with {@code reference} (no gradient is recorded outside a collector), in the batches of
     * {@link #batches}, and returns the values in the order of {@code pairs}.
     */
    public static ReferenceLogProbs compute(Transformer reference, List<TokenizedPair> pairs, int batchSize,
                                            int padId) {
        double[] chosen = new double[pairs.size()];
        double[] rejected = new double[pairs.size()];
        for (List<Integer> batch : batches(pairs, batchSize)) {
            try (NDManager step = reference.manager().newSubManager()) {
                List<int[]> prompts = new ArrayList<>();
                List<int[]> chosenIds = new ArrayList<>();
                List<int[]> rejectedIds = new ArrayList<>();
                for (int i : batch) {
                    prompts.add(pairs.get(i).prompt());
                    chosenIds.add(pairs.get(i).chosen());
                    rejectedIds.add(pairs.get(i).rejected());
                }
                ChosenRejectedLogProbs lp = LogProbs.chosenRejected(reference, step, prompts, chosenIds, rejectedIds,
                        padId);
                float[] c = lp.policyChosen().toFloatArray();                                 // (B)
                float[] r = lp.policyRejected().toFloatArray();                               // (B)
                for (int k = 0; k < batch.size(); k++) {
                    chosen[batch.get(k)] = c[k];
                    rejected[batch.get(k)] = r[k];
                }
            }
        }
        return new ReferenceLogProbs(chosen, rejected);
    }

    /**
     * The forward passes that score {@code pairs}: indices into {@code pairs}, sorted by padded length (ties keep
     * their order) and cut into batches of {@code batchSize}. Every engine forms exactly these batches, since a
     * batch's padding changes its floating-point results; a batch scored alone, in this order, gives the same
     * numbers as within {@link #compute}.
     */
    public static List<List<Integer>> batches(List<TokenizedPair> pairs, int batchSize) {
        checkArgument(batchSize >= 1, "batch size must be >= 1, got %s", batchSize);
        Integer[] order = new Integer[pairs.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Integer.compare(pairs.get(a).length(), pairs.get(b).length()));
        List<List<Integer>> out = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            out.add(List.of(Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize))));
        }
        return out;
    }

    /** One line of {@code reference.jsonl}: the reference log-probs of one pair's two sides. */
    public record Entry(double chosen, double rejected) {}

    /** Atomically writes the values to {@code file}, one {@link Entry} per line, in pair order. */
    public void write(Path file) {
        List<Entry> entries = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            entries.add(new Entry(chosen[i], rejected[i]));
        }
        Jsonl.write(file, entries);
    }

    /** Reads values written by {@link #write}; {@code expectedPairs} guards against a file of another pair set. */
    public static ReferenceLogProbs read(Path file, int expectedPairs) {
        List<Entry> entries = Jsonl.read(file, Entry.class);
        if (entries.size() != expectedPairs) {
            throw new DataFileException(file, 0, "holds " + entries.size() + " reference values but there are "
                    + expectedPairs + " pairs: it belongs to another pair set; delete it to recompute");
        }
        return new ReferenceLogProbs(entries.stream().mapToDouble(Entry::chosen).toArray(),
                entries.stream().mapToDouble(Entry::rejected).toArray());
    }

    /** Zeros, for losses that do not read the reference (SFT, reference-free SimPO). */
    public static ReferenceLogProbs none(int size) {
        return new ReferenceLogProbs(new double[size], new double[size]);
    }
}
