package io.dno.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.IValue;
import io.dno.core.tensor.TorchScriptModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One decoding step of a whole {@link Transformer} (one new token per row, after a prefilled {@link KvCache}) as a
 * single native call: the TorchScript module {@code decode_step.pt} runs the same ops as
 * {@link Transformer#logits(NDArray, NDArray, KvCache)} with the fused attention kernel, writes the new keys,
 * values and mask slot into the cache in place, and for greedy decoding returns only the argmax ids, so N ids come
 * back instead of N·V logits. The NDArray path costs about 160 native calls per layer per token; at batch 1 that
 * overhead, not reading the weights, set the speed (BENCHMARKS.md). Used for plain float32 models with the fused
 * kernel ({@link #supports}); LoRA, 4-bit bases, bf16 and the naive kernel take the NDArray path.
 *
 * <p>Holds the weight list for one generation; {@link #close()} frees it (not the weights). Not thread-safe.
 */
final class FusedDecode implements AutoCloseable {
    private static final String MODULE = "/io/dno/core/model/decode_step.pt";

    private final Transformer model;
    private final TorchScriptModule module;
    private final IValue weights;
    private final IValue invFreq;
    private final IValue negHalf;
    private final IValue eps;
    private final NDManager scratch;

    FusedDecode(Transformer model) {
        this.model = model;
        this.module = TorchScriptModule.of(MODULE, model.device());
        this.scratch = model.manager().newSubManager();
        this.weights = TorchScriptModule.tensorList(model.decodeWeights());
        this.invFreq = IValue.from((ai.djl.pytorch.engine.PtNDArray) model.invFreq());
        NDArray half = scratch.create(-0.5f);                      // as Scalars.pow makes it: a 0-dim float32
        this.negHalf = IValue.from((ai.djl.pytorch.engine.PtNDArray) half);
        this.eps = IValue.from(model.config().rmsNormEps());
    }

    /** Whether {@code model} decodes through this path: plain float32 projections and the fused attention kernel. */
    static boolean supports(Transformer model) {
        return model.projection() == Projection.PLAIN && model.precision() == Precision.F32
                && model.attentionKernel() == AttentionKernel.FUSED;
    }

    /** Feeds {@code next} (one token per row of the cache) and returns the argmax id of each row below {@code vocab}. */
    int[] greedy(int[] next, KvCache cache, int vocab) {
        try (NDManager step = scratch.newSubManager()) {
            long[] ids = run(step, next, cache, vocab, true).toLongArray();            // (N)
            return Arrays.stream(ids).mapToInt(Math::toIntExact).toArray();
        }
    }

    /** Feeds {@code next} and returns the new logits, row-major (N·V). */
    float[] logits(int[] next, KvCache cache) {
        try (NDManager step = scratch.newSubManager()) {
            return run(step, next, cache, model.config().vocabSize(), false).toFloatArray(); // (N, V)
        }
    }

    private NDArray run(NDManager step, int[] next, KvCache cache, int vocab, boolean greedy) {
        long[] ids = new long[next.length];
        for (int j = 0; j < next.length; j++) {
            ids[j] = next[j];
        }
        if (cache.length() + 1 > cache.capacity()) {
            throw new IllegalArgumentException("KV cache is full: " + cache.length() + " slots used, 1 more asked,"
                    + " capacity " + cache.capacity());
        }
        TransformerConfig c = model.config();
        NDArray input = step.create(ids, new ai.djl.ndarray.types.Shape(next.length, 1));   // (N, 1)
        List<NDArray> keys = new ArrayList<>(List.of(cache.keys()));
        List<NDArray> values = new ArrayList<>(List.of(cache.values()));
        try (IValue in = IValue.from((ai.djl.pytorch.engine.PtNDArray) input);
             IValue mask = IValue.from((ai.djl.pytorch.engine.PtNDArray) cache.mask());
             IValue length = IValue.from((long) cache.length());
             IValue k = TorchScriptModule.tensorList(keys);
             IValue v = TorchScriptModule.tensorList(values);
             IValue shape = IValue.listFrom(new long[] {c.numHiddenLayers(), c.numAttentionHeads(),
                     c.numKeyValueHeads(), c.headDim(), c.attentionBias() ? 1 : 0, vocab, greedy ? 1 : 0});
             IValue out = module.call(in, mask, length, weights, k, v, invFreq, negHalf, shape, eps)) {
            NDArray result = TorchScriptModule.tensor(out, step);
            cache.advance(1);
            return result;
        }
    }

    @Override
    public void close() {
        weights.close();
        invFreq.close();
        negHalf.close();
        eps.close();
        scratch.close();
    }
}
