package io.dno.core.peft;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.TrainablePolicy;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSession;
import io.dno.core.train.TrainerSettings;
import io.dno.core.train.TrainingSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy whose training touches only a LoRA adapter over a frozen (float32 or NF4) base: generation and
 * log-probs run with the adapter on, training updates only its A and B factors, and an iterate is a PEFT adapter
 * directory ({@code adapter_config.json} + {@code adapter_model.safetensors}). Thakkar et al. 2024 align 7B models
 * this way. Made with the constructor it does not own the policy or the adapter (whoever made them closes them);
 * made with {@link #owning} it closes them.
 */
public final class LoraPolicy implements TrainablePolicy {
    private final TransformerPolicy policy;
    private final LoraAdapter adapter;
    private final List<AutoCloseable> owned;

    public LoraPolicy(TransformerPolicy policy, LoraAdapter adapter) {
        this(policy, adapter, List.of());
    }

    private LoraPolicy(TransformerPolicy policy, LoraAdapter adapter, List<AutoCloseable> owned) {
        if (adapter.model() != policy.model()) {
            throw new IllegalArgumentException("the adapter must be attached to the policy's model");
        }
        this.policy = policy;
        this.adapter = adapter;
        this.owned = owned;
    }

    /**
     * A policy that closes, in this order, the adapter, the quantised base (may be null) and the policy when it is
     * closed.
     */
    public static LoraPolicy owning(TransformerPolicy policy, LoraAdapter adapter, QuantizedBase quantized) {
        List<AutoCloseable> owned = new ArrayList<>(List.of(adapter));
        if (quantized != null) {
            owned.add(quantized);
        }
        owned.add(policy);
        return new LoraPolicy(policy, adapter, List.copyOf(owned));
    }

    public TransformerPolicy base() {
        return policy;
    }

    public LoraAdapter adapter() {
        return adapter;
    }

    @Override
    public List<List<Response>> generate(List<Prompt> prompts, SamplingParams params) {
        return policy.generate(prompts, params);
    }

    @Override
    public int[] promptIds(String promptText) {
        return policy.promptIds(promptText);
    }

    @Override
    public int[] responseIds(String responseText) {
        return policy.responseIds(responseText);
    }

    @Override
    public int padId() {
        return policy.padId();
    }

    @Override
    public ReferenceLogProbs logProbs(List<TokenizedPair> pairs, int batchSize) {
        return policy.logProbs(pairs, batchSize);
    }

    @Override
    public TrainingSession training(TrainerSettings settings) {
        Trainer trainer = new Trainer(policy.model(), settings, LoraAdapter::isAdapterParameter);
        return new TrainerSession(trainer, new TrainerSession.IterateFiles() {
            @Override
            public void save(Path dir) {
                saveIterate(dir);
            }

            @Override
            public void load(Path dir) {
                loadIterate(dir);
            }

            @Override
            public void training(boolean on) {
                adapter.setTraining(on);
            }
        });
    }

    @Override
    public void saveIterate(Path dir) {
        AdapterFiles.save(adapter, dir);
    }

    @Override
    public void loadIterate(Path dir) {
        AdapterFiles.loadInto(adapter, dir);
    }

    @Override
    public String describe() {
        return policy.describe() + " + LoRA " + adapter.config();
    }

    /** Releases what this policy owns ({@link #owning}); nothing otherwise. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the LoRA policy failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
