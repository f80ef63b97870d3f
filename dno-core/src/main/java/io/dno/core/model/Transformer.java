package io.dno.core.model;

import io.dno.core.tensor.Scalars;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A Llama-family decoder on raw NDArrays, following HF {@code modeling_llama.py} / {@code modeling_qwen2.py}:
 * token embedding; per layer pre-RMSNorm, rotary (rotate-half convention) grouped-query causal attention,
 * residual, pre-RMSNorm, SwiGLU MLP {@code down(silu(gate(x)) * up(x))}, residual; final RMSNorm; LM head
 * (tied to the embedding or its own {@code lm_head.weight}). Float32 throughout, except the matrix products under
 * {@link Precision#BF16}.
 *
 * <p>Positions come from the attention mask ({@code cumsum(mask) - 1}, as HF {@code generate} does), so left
 * and right padding give the same per-token results as unpadded sequences. Padded keys get an additive
 * -1e9, a finite value, so a fully masked row (a left-padding query) softmaxes to a uniform row, never NaN.
 *
 * <p>Owns one NDManager holding the parameters; {@link #close()} frees it. Forward passes put their
 * intermediates and results in the manager of the input ids. Not thread-safe.
 */
public final class Transformer implements AutoCloseable {
    /** HF {@code initializer_range}: standard deviation of the normal initialisation. */
    public static final double INITIALIZER_RANGE = 0.02;
    private static final float MASKED = -1e9f;

    private final TransformerConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final Map<String, NDArray> parameterView;
    private final NDArray invFreq; // (D/2) rotary inverse frequencies theta^(-2i/D)
    private volatile AttentionKernel attentionKernel = AttentionKernel.FUSED;
    private Projection projection = Projection.PLAIN;
    private volatile Precision precision = Precision.F32;

    private Transformer(TransformerConfig config, NDManager manager, Map<String, NDArray> parameters) {
        this.config = config;
        this.manager = manager;
        this.parameters = parameters;
        this.parameterView = Collections.unmodifiableMap(parameters);
        int half = config.headDim() / 2;
        float[] inv = new float[half];
        for (int i = 0; i < half; i++) {
            float exponent = (float) (2 * i) / config.headDim(); // HF: arange(0, D, 2).float() / D
            inv[i] = (float) (1.0 / Math.pow(config.ropeTheta(), exponent));
        }
        this.invFreq = manager.create(inv);
    }

    /** A freshly initialised model: N(0, 0.02²) weights, norms 1, biases 0, reproducible under {@code seed}. */
    public static Transformer random(TransformerConfig config, long seed) {
        return random(config, seed, Device.cpu());
    }

    /**
     * As {@link #random(TransformerConfig, long)}, with every parameter on {@code device} (the same values on any
     * device: they are drawn in Java); a GPU that is not usable is an error saying how to get one.
     */
    public static Transformer random(TransformerConfig config, long seed, Device device) {
        NDManager manager = NDManager.newBaseManager(Devices.requireUsable(device));
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : ParameterNames.shapes(config).entrySet()) {
            String name = e.getKey();
            Shape shape = e.getValue();
            NDArray p;
            if (ParameterNames.startsAtOne(name)) {
                p = manager.ones(shape, DataType.FLOAT32);
            } else if (ParameterNames.startsAtZero(name)) {
                p = manager.zeros(shape, DataType.FLOAT32);
            } else {
                float[] w = new float[Math.toIntExact(shape.size())];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (rng.nextGaussian() * INITIALIZER_RANGE);
                }
                p = manager.create(w, shape);
            }
            p.setName(name);
            params.put(name, p);
        }
        return new Transformer(config, manager, params);
    }

    /**
     * A model over loaded weights (HF names and layouts). The arrays move into the model's own manager;
     * non-float32 arrays are converted. Missing parameters or wrong shapes are errors naming the parameter;
     * extra names are errors too, except a redundant {@code lm_head.weight} of a tied model and HF's
     * {@code rotary_emb.inv_freq} buffers, which are dropped.
     */
    public static Transformer fromWeights(TransformerConfig config, Map<String, NDArray> weights) {
        return fromWeights(config, weights, Device.cpu());
    }

    /** As {@link #fromWeights(TransformerConfig, Map)}, copying the weights onto {@code device}. */
    public static Transformer fromWeights(TransformerConfig config, Map<String, NDArray> weights, Device device) {
        Map<String, Shape> expected = ParameterNames.shapes(config);
        for (String name : weights.keySet()) {
            boolean ignorable = name.endsWith("rotary_emb.inv_freq")
                    || (name.equals(ParameterNames.LM_HEAD) && config.tieWordEmbeddings());
            checkArgument(expected.containsKey(name) || ignorable,
                    "weights: unexpected parameter '%s' for a %s config with %s layers (tie_word_embeddings=%s)",
                    name, config.modelType(), config.numHiddenLayers(), config.tieWordEmbeddings());
        }
        NDManager manager = NDManager.newBaseManager(Devices.requireUsable(device));
        Map<String, NDArray> params = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Shape> e : expected.entrySet()) {
                NDArray w = weights.get(e.getKey());
                checkArgument(w != null, "weights: parameter '%s' %s is missing", e.getKey(), e.getValue());
                checkArgument(w.getShape().equals(e.getValue()), "weights: parameter '%s' has shape %s, config.json"
                        + " implies %s", e.getKey(), w.getShape(), e.getValue());
                NDArray p = w.getDataType() == DataType.FLOAT32 ? w : w.toType(DataType.FLOAT32, false);
                if (!p.getDevice().equals(device)) {
                    p = p.toDevice(device, true);
                }
                p.attach(manager);
                p.setName(e.getKey());
                params.put(e.getKey(), p);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new Transformer(config, manager, params);
    }

    public TransformerConfig config() {
        return config;
    }

    /** The parameters in HF order and naming; the arrays are live (training updates them in place). */
    public Map<String, NDArray> parameters() {
        return parameterView;
    }

    /**
     * Routes the linear projections (q, k, v, o, gate, up, down) through {@code projection}, e.g. a LoRA
     * adapter; {@link Projection#PLAIN} restores plain matrix products.
     */
    public void setProjection(Projection projection) {
        checkArgument(projection != null, "projection must not be null; use Projection.PLAIN");
        this.projection = projection;
    }

    public Projection projection() {
        return projection;
    }

    /**
     * Adds parameters that a {@link Projection} reads (e.g. LoRA's {@code ...q_proj.lora_A.weight}), so the
     * trainer sees them. The arrays should live in a sub-manager of {@link #manager()}.
     */
    public void addParameters(Map<String, NDArray> extra) {
        extra.keySet().forEach(name -> checkArgument(!parameters.containsKey(name),
                "parameter '%s' already exists", name));
        parameters.putAll(extra);
    }

    /**
     * Removes a parameter and hands it to the caller (who closes it); a projection weight removed this way
     * reaches the {@link Projection} as {@code null}, which must then supply it (e.g. a 4-bit copy).
     */
    public NDArray releaseParameter(String name) {
        NDArray p = parameters.remove(name);
        checkArgument(p != null, "no parameter named '%s'", name);
        return p;
    }

    /** The manager owning the parameters; create per-step sub-managers from it. */
    public NDManager manager() {
        return manager;
    }

    /**
     * The attention kernel forward passes use from now on; {@link AttentionKernel#FUSED} by default. Both give
     * the same logits and gradients within float error (FusedAttentionTest).
     */
    public Transformer setAttentionKernel(AttentionKernel kernel) {
        this.attentionKernel = java.util.Objects.requireNonNull(kernel, "kernel");
        return this;
    }

    public AttentionKernel attentionKernel() {
        return attentionKernel;
    }

    /**
     * The number format of the matrix products from now on ({@link Precision#F32} by default); the weights stay
     * float32 (master copies). {@link Precision#BF16} parity with float32: PrecisionTest.
     */
    public Transformer setPrecision(Precision precision) {
        this.precision = java.util.Objects.requireNonNull(precision, "precision");
        return this;
    }

    public Precision precision() {
        return precision;
    }

    /**
     * {@code x·Wᵀ} as {@link Projection#PLAIN} computes it, in this model's {@link #precision()}: what a projection
     * that wraps the plain product (a LoRA adapter) calls for its base.
     *
     * @param x      (..., in)
     * @param weight (out, in)
     * @return (..., out) float32
     */
    public NDArray plainLinear(NDArray x, NDArray weight) {
        return precision.linear(x, weight);
    }

    /** The device every parameter, forward pass and cache of this model lives on. */
    public Device device() {
        return manager.getDevice();
    }

    public long parameterCount() {
        return parameters.values().stream().mapToLong(NDArray::size).sum();
    }

    /** A KV cache for {@code batch} rows of at most {@code capacity} tokens, owned by a sub-manager of {@code m}. */
    public KvCache newCache(NDManager m, int batch, int capacity) {
        return new KvCache(config, m, batch, capacity);
    }

    /**
     * Full forward pass.
     *
     * @param inputIds      (B, T) int64 token ids
     * @param attentionMask (B, T) any numeric type, 1 = real token, 0 = padding
     * @return logits (B, T, V) float32, in the manager of {@code inputIds}
     */
    public NDArray logits(NDArray inputIds, NDArray attentionMask) {
        return logits(inputIds, attentionMask, null);
    }

    /**
     * Forward pass over {@code T} new tokens after those already in {@code cache} (null: no cache). With a
     * cache, the new keys and values are stored in it and the new tokens attend to every filled slot.
     *
     * @return logits (B, T, V) float32, in the manager of {@code inputIds}
     */
    public NDArray logits(NDArray inputIds, NDArray attentionMask, KvCache cache) {
        NDArray x = hiddenStates(inputIds, attentionMask, cache);                        // (B, T, d)
        String head = config.tieWordEmbeddings() ? ParameterNames.EMBED : ParameterNames.LM_HEAD;
        return precision.linear(x, param(head));                                         // (B, T, V)
    }

    /**
     * The last layer's output after the final RMSNorm, before the LM head: what a sequence-classification head
     * (HF {@code LlamaForSequenceClassification.score}) reads. Same arguments and cache behaviour as
     * {@link #logits(NDArray, NDArray, KvCache)}.
     *
     * @return hidden states (B, T, d) float32, in the manager of {@code inputIds}
     */
    public NDArray hiddenStates(NDArray inputIds, NDArray attentionMask, KvCache cache) {
        Shape shape = inputIds.getShape();
        checkArgument(shape.dimension() == 2 && shape.equals(attentionMask.getShape()),
                "inputIds %s and attentionMask %s must both be (B, T)", shape, attentionMask.getShape());
        checkArgument(inputIds.getDataType() == DataType.INT64, "inputIds must be int64, got %s",
                inputIds.getDataType());
        checkArgument(cache == null || cache.batchSize() == shape.get(0), "KV cache holds %s rows, input has %s",
                cache == null ? 0 : cache.batchSize(), shape.get(0));
        NDManager m = inputIds.getManager();
        int t = (int) shape.get(1);
        int pos0 = cache == null ? 0 : cache.length();
        NDArray newMask = attentionMask.toType(DataType.FLOAT32, false);                  // (B, T)
        NDArray keyMask = cache == null ? newMask : cache.appendMask(m, newMask);         // (B, Tk)
        NDArray positions = keyMask.cumSum(1).sub(1f).maximum(0f);                       // (B, Tk)
        if (cache != null) {
            positions = positions.get(":, {}:", pos0);                                   // (B, T)
        }
        NDArray angles = positions.expandDims(2).mul(invFreq);                           // (B, T, D/2)
        NDArray emb = angles.concat(angles, 2);                                          // (B, T, D)
        NDArray cos = emb.cos().expandDims(1);                                           // (B, 1, T, D)
        NDArray sin = emb.sin().expandDims(1);                                           // (B, 1, T, D)
        // the fused kernel's causal path needs no bias when nothing is padded and nothing is cached
        boolean causalOnly = attentionKernel == AttentionKernel.FUSED && cache == null
                && newMask.min().getFloat() == 1f;
        NDArray bias = causalOnly ? null : attentionBias(m, keyMask, pos0, t);           // (B, 1, T, Tk)

        NDArray x = Embedding.embedding(inputIds, param(ParameterNames.EMBED), SparseFormat.DENSE)
                .singletonOrThrow();                                                     // (B, T, d)
        for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
            NDArray h = rmsNorm(x, param(ParameterNames.layer(layer, "input_layernorm.weight"))); // (B, T, d)
            x = x.add(attention(h, layer, cos, sin, bias, cache));                       // (B, T, d)
            h = rmsNorm(x, param(ParameterNames.layer(layer, "post_attention_layernorm.weight")));
            x = x.add(mlp(h, layer));                                                    // (B, T, d)
        }
        if (cache != null) {
            cache.advance(t);
        }
        return rmsNorm(x, param(ParameterNames.FINAL_NORM));                             // (B, T, d)
    }

    private NDArray attention(NDArray h, int layer, NDArray cos, NDArray sin, NDArray bias, KvCache cache) {
        long b = h.getShape().get(0);
        long t = h.getShape().get(1);
        int heads = config.numAttentionHeads();
        int kvHeads = config.numKeyValueHeads();
        int d = config.headDim();
        NDArray q = project(h, layer, "q_proj").reshape(b, t, heads, d).transpose(0, 2, 1, 3);   // (B, H, T, D)
        NDArray k = project(h, layer, "k_proj").reshape(b, t, kvHeads, d).transpose(0, 2, 1, 3); // (B, KV, T, D)
        NDArray v = project(h, layer, "v_proj").reshape(b, t, kvHeads, d).transpose(0, 2, 1, 3); // (B, KV, T, D)
        q = q.mul(cos).add(rotateHalf(q).mul(sin));                                              // (B, H, T, D)
        k = k.mul(cos).add(rotateHalf(k).mul(sin));                                              // (B, KV, T, D)
        if (cache != null) {
            NDArray[] kv = cache.append(h.getManager(), layer, k, v);
            k = kv[0];                                                                           // (B, KV, Tk, D)
            v = kv[1];                                                                           // (B, KV, Tk, D)
        }
        NDArray out = attentionKernel == AttentionKernel.FUSED
                ? (bias == null ? FusedAttention.causal(q, k, v, precision)
                        : FusedAttention.masked(q, k, v, bias, precision))
                : naiveAttention(q, k, v, bias);                                                 // (B, H, T, D)
        out = out.transpose(0, 2, 1, 3).reshape(b, t, (long) heads * d);                         // (B, T, H*D)
        return linear(ParameterNames.layer(layer, "self_attn.o_proj.weight"), out);               // (B, T, d)
    }

    /**
     * softmax(QKᵀ/√D + bias)·V from NDArray ops, key/value heads repeated HF-style (repeat_kv: kv head j serves
     * query heads j·g .. j·g+g−1).
     *
     * @param q (B, H, T, D); k, v (B, KV, Tk, D); bias (B, 1, T, Tk)
     * @return (B, H, T, D)
     */
    private NDArray naiveAttention(NDArray q, NDArray k, NDArray v, NDArray bias) {
        if (config.kvGroups() > 1) {
            k = k.repeat(1, config.kvGroups());                                                  // (B, H, Tk, D)
            v = v.repeat(1, config.kvGroups());                                                  // (B, H, Tk, D)
        }
        NDArray scores = Scalars.mul(q.matMul(k.swapAxes(2, 3)), 1.0 / Math.sqrt(config.headDim()))
                .add(bias);                                                                      // (B, H, T, Tk)
        return scores.softmax(-1).matMul(v);                                                     // (B, H, T, D)
    }

    private NDArray project(NDArray h, int layer, String proj) {
        NDArray out = linear(ParameterNames.layer(layer, "self_attn." + proj + ".weight"), h);    // (B, T, n*D)
        return config.attentionBias()
                ? out.add(param(ParameterNames.layer(layer, "self_attn." + proj + ".bias")))
                : out;
    }

    private NDArray mlp(NDArray h, int layer) {
        NDArray gate = linear(ParameterNames.layer(layer, "mlp.gate_proj.weight"), h);          // (B, T, F)
        NDArray up = linear(ParameterNames.layer(layer, "mlp.up_proj.weight"), h);              // (B, T, F)
        NDArray act = gate.mul(Activation.sigmoid(gate)).mul(up);                                // (B, T, F) silu(g)*u
        return linear(ParameterNames.layer(layer, "mlp.down_proj.weight"), act);                // (B, T, d)
    }

    /** x·Wᵀ through the installed {@link Projection}, the plain one in this model's precision. */
    private NDArray linear(String weightName, NDArray x) {
        NDArray weight = parameters.get(weightName);
        return projection == Projection.PLAIN ? precision.linear(x, weight) : projection.apply(weightName, x, weight);
    }

    /** HF LlamaRMSNorm: x / sqrt(mean(x²) + ε) · g, in float32. */
    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray inv = Scalars.pow(x.square().mean(new int[] {-1}, true).add((float) config.rmsNormEps()), -0.5); // (B, T, 1)
        return x.mul(inv).mul(weight);                                                                  // (B, T, d)
    }

    /** HF rotate_half: (x1, x2) ↦ (−x2, x1) over the two halves of the last axis. */
    private static NDArray rotateHalf(NDArray x) {
        int axis = x.getShape().dimension() - 1; // split() rejects negative axes
        NDList halves = x.split(2, axis);
        return halves.get(1).neg().concat(halves.get(0), axis);
    }

    /**
     * Additive attention bias: 0 where query slot {@code pos0 + i} may see key slot j (j ≤ pos0 + i and key j
     * is real), −1e9 elsewhere.
     *
     * @param keyMask (B, Tk) float32
     * @return (B, 1, T, Tk) float32
     */
    private static NDArray attentionBias(NDManager m, NDArray keyMask, int pos0, int t) {
        long b = keyMask.getShape().get(0);
        int tk = (int) keyMask.getShape().get(1);
        NDArray causal = m.arange(pos0, pos0 + t).expandDims(1).gte(m.arange(0, tk).expandDims(0))
                .toType(DataType.FLOAT32, false);                                                // (T, Tk)
        NDArray allowed = keyMask.reshape(b, 1, 1, tk).mul(causal);                              // (B, 1, T, Tk)
        return allowed.sub(1f).mul(-MASKED);                                                     // (B, 1, T, Tk)
    }

    /** (D/2) rotary inverse frequencies, for {@link FusedDecode}. */
    NDArray invFreq() {
        return invFreq;
    }

    /**
     * The weights in the order {@code decode_step.pt} reads them: per layer input norm, q, k, v, (q, k, v biases,)
     * o, post-attention norm, gate, up, down; then the final norm, the head and the embedding.
     */
    List<NDArray> decodeWeights() {
        List<NDArray> out = new ArrayList<>();
        for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
            out.add(param(ParameterNames.layer(layer, "input_layernorm.weight")));
            for (String proj : List.of("q_proj", "k_proj", "v_proj")) {
                out.add(param(ParameterNames.layer(layer, "self_attn." + proj + ".weight")));
            }
            if (config.attentionBias()) {
                for (String proj : List.of("q_proj", "k_proj", "v_proj")) {
                    out.add(param(ParameterNames.layer(layer, "self_attn." + proj + ".bias")));
                }
            }
            out.add(param(ParameterNames.layer(layer, "self_attn.o_proj.weight")));
            out.add(param(ParameterNames.layer(layer, "post_attention_layernorm.weight")));
            for (String proj : List.of("gate_proj", "up_proj", "down_proj")) {
                out.add(param(ParameterNames.layer(layer, "mlp." + proj + ".weight")));
            }
        }
        out.add(param(ParameterNames.FINAL_NORM));
        out.add(param(config.tieWordEmbeddings() ? ParameterNames.EMBED : ParameterNames.LM_HEAD));
        out.add(param(ParameterNames.EMBED));
        return out;
    }

    private NDArray param(String name) {
        NDArray p = parameters.get(name);
        if (p == null) {
            throw new IllegalStateException("parameter " + name + " is missing");
        }
        return p;
    }

    @Override
    public void close() {
        manager.close();
    }
}
