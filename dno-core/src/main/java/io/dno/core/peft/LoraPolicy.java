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
import java.util.List;

/**
 * A policy whose training touches only a LoRA adapter over a frozen (float32 or NF4) base: generation and
 * log-probs run with the adapter on, training updates only its A and B factors, and an iterate is a PEFT adapter
 * directory ({@code adapter_config.json} + {@code adapter_model.safetensors}). Thakkar et al. 2024 align 7B models
 * this way. It does not own the policy or the adapter: whoever made them closes them.
 */
public final class LoraPolicy implements TrainablePolicy {
    private final TransformerPolicy policy;
    private final LoraAdapter adapter;

    public LoraPolicy(TransformerPolicy policy, LoraAdapter adapter) {
        if (adapter.model() != policy.model()) {
            throw new IllegalArgumentException("the adapter must be attached to the policy's model");
        }
        this.policy = policy;
        this.adapter = adapter;
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

    /** Nothing to release: the policy and the adapter belong to whoever made them. */
    @Override
    public void close() {}
}
