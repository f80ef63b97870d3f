package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.google.common.base.Verify;
import io.dno.core.policy.SamplingParams;
import io.dno.core.seed.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batched sampling with a KV cache: every prompt is repeated {@code n} times, the rows are left-padded and
 * prefilled in one forward pass, then all unfinished rows advance one token per step. A row stops at an
 * end-of-sequence id, when the stop condition matches its tokens, or after {@code maxNewTokens}; finished
 * rows are dropped from the batch and the cache.
 *
 * <p>Reproducible: sample s of prompt i draws its uniforms from {@code SplittableRandom(Seeds.mix(promptSeeds[i],
 * s))}, so its tokens depend on neither its position in the batch nor when other rows finish; the caller keys
 * {@code promptSeeds} by what the prompt is (its id), so a prompt samples the same in any batch. Logits are
 * read back once per step; for greedy decoding of a plain float32 model only the argmax ids are ({@link FusedDecode}:
 * the whole decoding step is one native call). Grad mode is off outside a GradientCollector, so nothing is recorded.
 */
public final class Generator {
    private static final Logger log = LoggerFactory.getLogger(Generator.class);

    private final Transformer model;
    private final int padId;
    private final Set<Integer> eosIds;
    private final Predicate<int[]> stopCondition;
    private final int sampledVocab;

    /**
     * @param padId         id fed at padded positions (never attended to)
     * @param eosIds        ids that end a row; may be empty
     * @param stopCondition tested on a row's generated tokens after each step; true stops the row
     * @param sampledVocab  only ids below this are sampled: the tokenizer's size when the model's vocab_size is
     *                      padded beyond it (HF models often round it up), so every sample decodes
     */
    public Generator(Transformer model, int padId, Set<Integer> eosIds, Predicate<int[]> stopCondition,
                     int sampledVocab) {
        checkArgument(sampledVocab >= 1 && sampledVocab <= model.config().vocabSize(),
                "sampledVocab must be in [1, vocab_size=%s], got %s", model.config().vocabSize(), sampledVocab);
        this.model = model;
        this.padId = padId;
        this.eosIds = Set.copyOf(eosIds);
        this.stopCondition = stopCondition;
        this.sampledVocab = sampledVocab;
    }

    /** A generator sampling from the model's whole vocabulary. */
    public Generator(Transformer model, int padId, Set<Integer> eosIds, Predicate<int[]> stopCondition) {
        this(model, padId, eosIds, stopCondition, model.config().vocabSize());
    }

    /**
     * Samples {@code params.n()} continuations of every prompt; one list per prompt, in prompt order. Prompt i's
     * random stream is keyed by {@code Seeds.mix(params.seed(), i)}: by position, for callers without prompt ids.
     */
    public List<List<Generation>> generate(List<int[]> prompts, SamplingParams params) {
        long[] seeds = new long[prompts.size()];
        Arrays.setAll(seeds, i -> Seeds.mix(params.seed(), i));
        return generate(prompts, seeds, params);
    }

    /**
     * Samples {@code params.n()} continuations of every prompt, prompt i's samples drawing from streams keyed by
     * {@code promptSeeds[i]} ({@code params.seed()} is not used); one list per prompt, in prompt order.
     */
    public List<List<Generation>> generate(List<int[]> prompts, long[] promptSeeds, SamplingParams params) {
        checkArgument(promptSeeds.length == prompts.size(), "one seed per prompt: %s seeds for %s prompts",
                promptSeeds.length, prompts.size());
        int n = params.n();
        List<int[]> rows = new ArrayList<>();
        for (int[] p : prompts) {
            checkArgument(p.length >= 1, "prompt %s has no tokens: generation needs a context (add a BOS token)",
                    rows.size() / n);
            for (int s = 0; s < n; s++) {
                rows.add(p);
            }
        }
        long[] rowSeeds = new long[rows.size()];
        Arrays.setAll(rowSeeds, r -> Seeds.mix(promptSeeds[r / n], r % n));
        Generation[] done = prompts.isEmpty() ? new Generation[0] : run(rows, rowSeeds, params);
        List<List<Generation>> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            out.add(List.of(Arrays.copyOfRange(done, i * n, (i + 1) * n)));
        }
        return out;
    }

    private Generation[] run(List<int[]> rows, long[] rowSeeds, SamplingParams params) {
        long start = System.nanoTime();
        int total = rows.size();
        int vocab = model.config().vocabSize();
        int promptLen = rows.stream().mapToInt(r -> r.length).max().orElseThrow();
        TokenSampler sampler = new TokenSampler(params.temperature(), params.topK(), params.topP());
        SplittableRandom[] rngs = new SplittableRandom[total];
        List<List<Integer>> tokens = new ArrayList<>();
        for (int r = 0; r < total; r++) {
            rngs[r] = new SplittableRandom(rowSeeds[r]);
            tokens.add(new ArrayList<>());
        }
        Generation[] done = new Generation[total];
        int[] active = new int[total]; // batch position -> row
        Arrays.setAll(active, i -> i);
        int steps = 0;
        boolean greedy = params.temperature() == 0;
        try (NDManager gm = model.manager().newSubManager();
             KvCache cache = model.newCache(gm, total, promptLen + params.maxNewTokens());
             FusedDecode fused = FusedDecode.supports(model) ? new FusedDecode(model) : null) {
            float[] logits = prefill(gm, rows, promptLen, cache);                  // (N * V) last position
            int[] argmax = null;                                                    // (N) greedy ids from the device
            for (int step = 0; step < params.maxNewTokens() && active.length > 0; step++) {
                int[] next = new int[active.length];
                int kept = 0;
                int[] survivors = new int[active.length];
                for (int j = 0; j < active.length; j++) {
                    int row = active[j];
                    int token = argmax != null ? argmax[j] : sampler.sample(logits, j * vocab, sampledVocab, rngs[row]);
                    List<Integer> seq = tokens.get(row);
                    if (eosIds.contains(token)) {
                        done[row] = finish(seq, Generation.Finish.EOS);
                        continue;
                    }
                    seq.add(token);
                    if (stopCondition.test(toArray(seq))) {
                        done[row] = finish(seq, Generation.Finish.STOP);
                    } else if (seq.size() == params.maxNewTokens()) {
                        done[row] = finish(seq, Generation.Finish.LENGTH);
                    } else {
                        next[kept] = token;
                        survivors[kept++] = j;
                    }
                }
                steps++;
                if (kept == 0) {
                    break;
                }
                if (kept < active.length) {
                    cache.keepRows(Arrays.copyOf(survivors, kept));
                    int[] shrunk = new int[kept];
                    for (int j = 0; j < kept; j++) {
                        shrunk[j] = active[survivors[j]];
                    }
                    active = shrunk;
                }
                int[] fed = Arrays.copyOf(next, kept);
                if (fused != null && greedy) {
                    argmax = fused.greedy(fed, cache, sampledVocab);               // argmax as TokenSampler takes it
                } else {
                    logits = fused != null ? fused.logits(fed, cache) : decode(gm, fed, cache);
                }
            }
        }
        for (int r = 0; r < total; r++) {
            Verify.verify(done[r] != null, "row %s ended without a finish reason", r);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        log.debug("generated {} rows, {} steps in {} ms", total, steps, String.format("%.1f", ms));
        return done;
    }

    /** Left-pads the prompts, runs them through the model and returns the last position's logits (N·V). */
    private float[] prefill(NDManager gm, List<int[]> rows, int promptLen, KvCache cache) {
        long[] ids = new long[rows.size() * promptLen];
        long[] mask = new long[ids.length];
        Arrays.fill(ids, padId);
        for (int r = 0; r < rows.size(); r++) {
            int[] p = rows.get(r);
            int offset = r * promptLen + promptLen - p.length;
            for (int j = 0; j < p.length; j++) {
                ids[offset + j] = p[j];
                mask[offset + j] = 1;
            }
        }
        try (NDManager step = gm.newSubManager()) {
            Shape shape = new Shape(rows.size(), promptLen);
            NDArray logits = model.logits(step.create(ids, shape), step.create(mask, shape), cache); // (N, P, V)
            return logits.get(new NDIndex(":, -1, :")).toFloatArray();                              // (N, V)
        }
    }

    /** Feeds one token per active row and returns the new logits (N'·V). */
    private float[] decode(NDManager gm, int[] next, KvCache cache) {
        long[] ids = new long[next.length];
        long[] mask = new long[next.length];
        for (int j = 0; j < next.length; j++) {
            ids[j] = next[j];
            mask[j] = 1;
        }
        try (NDManager step = gm.newSubManager()) {
            Shape shape = new Shape(next.length, 1);
            NDArray logits = model.logits(step.create(ids, shape), step.create(mask, shape), cache); // (N', 1, V)
            return logits.toFloatArray();                                                           // (N', V)
        }
    }

    private static Generation finish(List<Integer> seq, Generation.Finish why) {
        return new Generation(toArray(seq), why);
    }

    private static int[] toArray(List<Integer> seq) {
        return seq.stream().mapToInt(Integer::intValue).toArray();
    }
}
