package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The shape of a Llama-family decoder, field for field the Hugging Face {@code config.json}
 * ({@code LlamaConfig}, {@code Qwen2Config}, {@code MistralConfig}); {@link HfConfigJson} reads and writes it.
 *
 * @param modelType             "llama", "qwen2" or "mistral" ({@code model_type})
 * @param vocabSize             rows of the embedding and the LM head ({@code vocab_size})
 * @param hiddenSize            model width d ({@code hidden_size})
 * @param intermediateSize      SwiGLU inner width ({@code intermediate_size})
 * @param numHiddenLayers       decoder layers ({@code num_hidden_layers})
 * @param numAttentionHeads     query heads ({@code num_attention_heads})
 * @param numKeyValueHeads      key/value heads, divides the query heads; fewer is grouped-query attention
 *                              ({@code num_key_value_heads})
 * @param headDim               width of one head ({@code head_dim}, HF default hidden / heads)
 * @param rmsNormEps            ε of RMSNorm ({@code rms_norm_eps})
 * @param ropeTheta             base of the rotary frequencies ({@code rope_theta})
 * @param maxPositionEmbeddings longest sequence the model is meant for ({@code max_position_embeddings})
 * @param tieWordEmbeddings     the LM head reuses the embedding matrix ({@code tie_word_embeddings})
 * @param attentionBias         q/k/v projections have biases: true exactly for qwen2 (HF Qwen2Attention)
 * @param bosTokenId            {@code bos_token_id}, if the file names one
 * @param eosTokenIds           {@code eos_token_id} (HF allows one id or a list); may be empty
 */
public record TransformerConfig(String modelType, int vocabSize, int hiddenSize, int intermediateSize,
                                int numHiddenLayers, int numAttentionHeads, int numKeyValueHeads, int headDim,
                                double rmsNormEps, double ropeTheta, int maxPositionEmbeddings,
                                boolean tieWordEmbeddings, boolean attentionBias, OptionalInt bosTokenId,
                                List<Integer> eosTokenIds) {

    /** The model types this decoder implements. */
    public static final List<String> MODEL_TYPES = List.of("llama", "qwen2", "mistral");

    public TransformerConfig {
        checkArgument(MODEL_TYPES.contains(modelType),
                "config.json: model_type '%s' is not supported; use one of %s", modelType, MODEL_TYPES);
        checkArgument(vocabSize >= 1, "config.json: vocab_size must be >= 1, got %s", vocabSize);
        checkArgument(hiddenSize >= 1, "config.json: hidden_size must be >= 1, got %s", hiddenSize);
        checkArgument(intermediateSize >= 1, "config.json: intermediate_size must be >= 1, got %s", intermediateSize);
        checkArgument(numHiddenLayers >= 1, "config.json: num_hidden_layers must be >= 1, got %s", numHiddenLayers);
        checkArgument(numAttentionHeads >= 1, "config.json: num_attention_heads must be >= 1, got %s",
                numAttentionHeads);
        checkArgument(numKeyValueHeads >= 1 && numAttentionHeads % numKeyValueHeads == 0,
                "config.json: num_key_value_heads (%s) must be >= 1 and divide num_attention_heads (%s)",
                numKeyValueHeads, numAttentionHeads);
        checkArgument(headDim >= 2 && headDim % 2 == 0,
                "config.json: head_dim must be even and >= 2 (rotary embeddings rotate pairs), got %s", headDim);
        checkArgument(rmsNormEps > 0 && Double.isFinite(rmsNormEps),
                "config.json: rms_norm_eps must be > 0, got %s", rmsNormEps);
        checkArgument(ropeTheta > 1 && Double.isFinite(ropeTheta),
                "config.json: rope_theta must be > 1, got %s", ropeTheta);
        checkArgument(maxPositionEmbeddings >= 1, "config.json: max_position_embeddings must be >= 1, got %s",
                maxPositionEmbeddings);
        checkArgument(attentionBias == modelType.equals("qwen2"),
                "config.json: q/k/v biases (attention_bias) are %s for model_type %s; only qwen2 has them",
                attentionBias, modelType);
        checkArgument(bosTokenId != null, "bosTokenId: use OptionalInt.empty() when there is none");
        eosTokenIds = ImmutableList.copyOf(eosTokenIds);
        for (int id : eosTokenIds) {
            checkArgument(id >= 0 && id < vocabSize, "config.json: eos_token_id %s is outside [0, vocab_size=%s)",
                    id, vocabSize);
        }
        bosTokenId.ifPresent(id -> checkArgument(id >= 0 && id < vocabSize,
                "config.json: bos_token_id %s is outside [0, vocab_size=%s)", id, vocabSize));
    }

    /**
     * A Llama config with HF defaults for the rest (rms_norm_eps 1e-6, rope_theta 10000, untied, head_dim
     * hidden / heads, no bos/eos).
     */
    public static TransformerConfig llama(int vocabSize, int hiddenSize, int intermediateSize, int layers, int heads,
                                          int kvHeads, int maxPositions) {
        checkArgument(heads >= 1 && hiddenSize % heads == 0,
                "hidden_size (%s) must be a multiple of num_attention_heads (%s)", hiddenSize, heads);
        return new TransformerConfig("llama", vocabSize, hiddenSize, intermediateSize, layers, heads, kvHeads,
                hiddenSize / heads, 1e-6, 10000.0, maxPositions, false, false, OptionalInt.empty(), List.of());
    }

    /**
     * The {@code tiny} preset: 2 layers, width 64, 4 heads over 2 key/value heads, SwiGLU 176, 512 positions,
     * tied head: about 60k parameters plus the embedding. For tests and demonstrations.
     */
    public static TransformerConfig tiny(int vocabSize) {
        return llama(vocabSize, 64, 176, 2, 4, 2, 512).withTiedEmbeddings(true);
    }

    /** Query heads sharing one key/value head (HF {@code num_key_value_groups}). */
    public int kvGroups() {
        return numAttentionHeads / numKeyValueHeads;
    }

    /** The HF architecture class name written into {@code architectures}. */
    public String architecture() {
        return switch (modelType) {
            case "llama" -> "LlamaForCausalLM";
            case "qwen2" -> "Qwen2ForCausalLM";
            case "mistral" -> "MistralForCausalLM";
            default -> throw new IllegalStateException("unreachable: " + modelType);
        };
    }

    public TransformerConfig withModelType(String type) {
        return new TransformerConfig(type, vocabSize, hiddenSize, intermediateSize, numHiddenLayers,
                numAttentionHeads, numKeyValueHeads, headDim, rmsNormEps, ropeTheta, maxPositionEmbeddings,
                tieWordEmbeddings, type.equals("qwen2"), bosTokenId, eosTokenIds);
    }

    public TransformerConfig withTiedEmbeddings(boolean tied) {
        return new TransformerConfig(modelType, vocabSize, hiddenSize, intermediateSize, numHiddenLayers,
                numAttentionHeads, numKeyValueHeads, headDim, rmsNormEps, ropeTheta, maxPositionEmbeddings, tied,
                attentionBias, bosTokenId, eosTokenIds);
    }

    public TransformerConfig withRopeTheta(double theta) {
        return new TransformerConfig(modelType, vocabSize, hiddenSize, intermediateSize, numHiddenLayers,
                numAttentionHeads, numKeyValueHeads, headDim, rmsNormEps, theta, maxPositionEmbeddings,
                tieWordEmbeddings, attentionBias, bosTokenId, eosTokenIds);
    }

    public TransformerConfig withSpecialTokens(OptionalInt bos, List<Integer> eos) {
        return new TransformerConfig(modelType, vocabSize, hiddenSize, intermediateSize, numHiddenLayers,
                numAttentionHeads, numKeyValueHeads, headDim, rmsNormEps, ropeTheta, maxPositionEmbeddings,
                tieWordEmbeddings, attentionBias, bos, eos);
    }
}
