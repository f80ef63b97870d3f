package io.dno.core.model;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Hugging Face parameter names and shapes of a Llama-family decoder, in the order HF's
 * {@code state_dict()} lists them. Linear weights are in torch layout [out, in], so
 * {@code ai.djl.nn.core.Linear.linear(x, W)} computes {@code x·Wᵀ} exactly as {@code torch.nn.Linear}.
 */
public final class ParameterNames {
    public static final String EMBED = "model.embed_tokens.weight";
    public static final String FINAL_NORM = "model.norm.weight";
    public static final String LM_HEAD = "lm_head.weight";

    private ParameterNames() {}

    /** {@code model.layers.{layer}.{suffix}}, e.g. {@code layer(0, "self_attn.q_proj.weight")}. */
    public static String layer(int layer, String suffix) {
        return "model.layers." + layer + "." + suffix;
    }

    /** Every parameter of {@code config} with its shape; {@code lm_head.weight} only when untied. */
    public static Map<String, Shape> shapes(TransformerConfig c) {
        long d = c.hiddenSize();
        long q = (long) c.numAttentionHeads() * c.headDim();
        long kv = (long) c.numKeyValueHeads() * c.headDim();
        long ffn = c.intermediateSize();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put(EMBED, new Shape(c.vocabSize(), d));
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            shapes.put(layer(i, "self_attn.q_proj.weight"), new Shape(q, d));
            if (c.attentionBias()) {
                shapes.put(layer(i, "self_attn.q_proj.bias"), new Shape(q));
            }
            shapes.put(layer(i, "self_attn.k_proj.weight"), new Shape(kv, d));
            if (c.attentionBias()) {
                shapes.put(layer(i, "self_attn.k_proj.bias"), new Shape(kv));
            }
            shapes.put(layer(i, "self_attn.v_proj.weight"), new Shape(kv, d));
            if (c.attentionBias()) {
                shapes.put(layer(i, "self_attn.v_proj.bias"), new Shape(kv));
            }
            shapes.put(layer(i, "self_attn.o_proj.weight"), new Shape(d, q));
            shapes.put(layer(i, "mlp.gate_proj.weight"), new Shape(ffn, d));
            shapes.put(layer(i, "mlp.up_proj.weight"), new Shape(ffn, d));
            shapes.put(layer(i, "mlp.down_proj.weight"), new Shape(d, ffn));
            shapes.put(layer(i, "input_layernorm.weight"), new Shape(d));
            shapes.put(layer(i, "post_attention_layernorm.weight"), new Shape(d));
        }
        shapes.put(FINAL_NORM, new Shape(d));
        if (!c.tieWordEmbeddings()) {
            shapes.put(LM_HEAD, new Shape(c.vocabSize(), d));
        }
        return shapes;
    }

    /** Norm weights start at 1 and biases at 0 (HF {@code _init_weights}); everything else is N(0, 0.02²). */
    static boolean startsAtOne(String name) {
        return name.endsWith("norm.weight");
    }

    static boolean startsAtZero(String name) {
        return name.endsWith(".bias");
    }
}
