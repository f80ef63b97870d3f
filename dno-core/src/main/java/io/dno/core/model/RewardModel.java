package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.checkpoint.Checkpoints;
import io.dno.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A classifier reward model: a Hugging Face {@code LlamaForSequenceClassification} /
 * {@code Qwen2ForSequenceClassification} checkpoint with {@code num_labels} 1, the Bradley-Terry scalar head
 * of reward modelling (Ouyang et al. 2022 §3.5; TRL's RewardTrainer). The reward of a sequence is
 *
 * <pre>
 *   r(x) = score.weight · h_L(x)[last],   last = the rightmost position whose id is not pad_token_id
 * </pre>
 *
 * where {@code h_L} is the decoder's output after the final RMSNorm ({@link Transformer#hiddenStates}) and the
 * pooling rule is transformers' {@code LlamaForSequenceClassification.forward} (the rightmost non-pad token; the
 * last token when config.json has no {@code pad_token_id}). The checkpoint holds the base model's weights
 * ({@code model.*}), {@code score.weight} of shape (1, hidden_size) and no LM head.
 *
 * <p>Sequences are scored in right-padded batches; padding never changes a row's reward (positions come from
 * the attention mask). Thread-safe: calls are serialised (the transformer is not thread-safe). Close it to
 * free the weights.
 */
public final class RewardModel implements AutoCloseable {
    /** The head's parameter name in HF checkpoints. */
    public static final String SCORE = "score.weight";
    /** Architectures this class loads. */
    public static final List<String> ARCHITECTURES = List.of("LlamaForSequenceClassification",
            "Qwen2ForSequenceClassification", "MistralForSequenceClassification");
    private static final int BATCH = 8;

    private final Transformer model;
    private final NDArray score;              // (1, d)
    private final OptionalInt padTokenId;

    private RewardModel(Transformer model, NDArray score, OptionalInt padTokenId) {
        this.model = model;
        this.score = score;
        this.padTokenId = padTokenId;
    }

    /** Loads checkpoint directory {@code dir} on the CPU. */
    public static RewardModel load(Path dir) {
        return load(dir, Device.cpu());
    }

    /**
     * Loads checkpoint directory {@code dir} onto {@code device}: config.json must name a sequence-classification
     * architecture with one label, and the weights must hold {@code score.weight} (1, hidden_size).
     */
    public static RewardModel load(Path dir, Device device) {
        Devices.requireUsable(device);
        Path configFile = dir.resolve(CheckpointDir.CONFIG);
        checkArgument(Files.isRegularFile(configFile), "%s has no config.json: not a model directory", dir);
        JsonNode root = Json.readObject(configFile, "a model config.json");
        checkHead(configFile, root);
        // the base decoder; its LM head is never used, so it is read as tied (a classifier has no lm_head)
        TransformerConfig config = HfConfigJson.read(configFile).withTiedEmbeddings(true);
        OptionalInt pad = root.hasNonNull("pad_token_id") && root.get("pad_token_id").canConvertToInt()
                ? OptionalInt.of(root.get("pad_token_id").asInt()) : OptionalInt.empty();
        try (NDManager scratch = NDManager.newBaseManager()) {
            Map<String, NDArray> weights = new HashMap<>(Checkpoints.readWeights(dir, scratch));
            NDArray head = weights.remove(SCORE);
            checkArgument(head != null, "%s: the weights have no '%s'; a reward model (…ForSequenceClassification) "
                    + "stores its head there", dir, SCORE);
            checkArgument(head.getShape().equals(new Shape(1, config.hiddenSize())), "%s: '%s' has shape %s; a reward"
                    + " model has one label, shape (1, hidden_size=%s)", dir, SCORE, head.getShape(), config.hiddenSize());
            Transformer model = Transformer.fromWeights(config, weights, device);
            try {
                // a copy in the model's manager: the read array may view the mapped file, which the scratch manager
                // releases when it closes
                float[] values = head.toType(DataType.FLOAT32, false).toFloatArray();
                NDArray w = model.manager().create(values, new Shape(1, config.hiddenSize()));
                return new RewardModel(model, w, pad);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(dir.toString()) ? e : new IllegalArgumentException(dir + ": " + e.getMessage(), e);
        }
    }

    private static void checkHead(Path configFile, JsonNode root) {
        JsonNode archs = root.path("architectures");
        if (archs.isArray() && !archs.isEmpty()) {
            String arch = archs.get(0).asText();
            checkArgument(ARCHITECTURES.contains(arch), "%s: architectures is [%s]; a reward model is one of %s "
                    + "(for a causal LM use it as a policy or an LLM judge instead)", configFile, arch, ARCHITECTURES);
        }
        int labels = root.has("num_labels") ? root.get("num_labels").asInt()
                : root.path("id2label").isObject() ? root.get("id2label").size() : 1;
        checkArgument(labels == 1, "%s: num_labels is %s; only scalar reward heads (num_labels 1) are supported",
                configFile, labels);
    }

    public TransformerConfig config() {
        return model.config();
    }

    /** The pad id whose rightmost occurrence the pooling skips, from config.json's {@code pad_token_id}. */
    public OptionalInt padTokenId() {
        return padTokenId;
    }

    /** The position whose hidden state is scored: the rightmost id that is not the pad id (0 if all are). */
    public int pooledPosition(int[] ids) {
        if (padTokenId.isEmpty()) {
            return ids.length - 1;
        }
        for (int j = ids.length - 1; j >= 0; j--) {
            if (ids[j] != padTokenId.getAsInt()) {
                return j;
            }
        }
        return 0;
    }

    /** The reward of each token sequence (each non-empty, ids inside the vocabulary), in order. */
    public synchronized double[] score(List<int[]> sequences) {
        int vocab = model.config().vocabSize();
        int context = model.config().maxPositionEmbeddings();
        for (int i = 0; i < sequences.size(); i++) {
            int[] s = sequences.get(i);
            checkArgument(s.length >= 1, "sequence %s is empty: a reward needs at least one token", i);
            checkArgument(s.length <= context, "sequence %s has %s tokens, more than the model's context of %s",
                    i, s.length, context);
            for (int id : s) {
                checkArgument(id >= 0 && id < vocab, "sequence %s: token id %s is outside [0, vocab_size=%s)", i, id, vocab);
            }
        }
        double[] out = new double[sequences.size()];
        for (int start = 0; start < sequences.size(); start += BATCH) {
            List<int[]> chunk = sequences.subList(start, Math.min(sequences.size(), start + BATCH));
            float[] r = scoreBatch(chunk);
            for (int i = 0; i < r.length; i++) {
                out[start + i] = r[i];
            }
        }
        return out;
    }

    private float[] scoreBatch(List<int[]> rows) {
        int b = rows.size();
        int t = rows.stream().mapToInt(r -> r.length).max().orElseThrow();
        int pad = padTokenId.orElse(0);
        long[] ids = new long[b * t];
        long[] mask = new long[b * t];
        long[] pooled = new long[b];
        java.util.Arrays.fill(ids, pad);
        for (int i = 0; i < b; i++) {
            int[] r = rows.get(i);
            for (int j = 0; j < r.length; j++) {
                ids[i * t + j] = r[j];
                mask[i * t + j] = 1;
            }
            pooled[i] = (long) i * t + pooledPosition(r);
        }
        try (NDManager m = model.manager().newSubManager()) {
            Shape shape = new Shape(b, t);
            NDArray hidden = model.hiddenStates(m.create(ids, shape), m.create(mask, shape), null); // (B, T, d)
            NDArray flat = hidden.reshape(-1, model.config().hiddenSize());                      // (B*T, d)
            NDArray last = flat.get(new NDIndex("{}", m.create(pooled)));                          // (B, d)
            NDArray rewards = Linear.linear(last, score).singletonOrThrow();                      // (B, 1)
            return rewards.reshape(b).toFloatArray();                                              // (B)
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
