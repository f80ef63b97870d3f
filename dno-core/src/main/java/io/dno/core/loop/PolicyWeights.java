package io.dno.core.loop;

import io.dno.core.model.CheckpointDir;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.peft.AdapterFiles;
import io.dno.core.peft.LoraAdapter;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * What of a policy the alignment loop trains, saves as an iterate and loads back: all of the model's weights
 * (a Hugging Face checkpoint), or only a LoRA adapter's factors over a frozen base (a PEFT adapter directory:
 * {@code adapter_config.json} + {@code adapter_model.safetensors}; Thakkar et al. 2024 align 7B models this way).
 */
public sealed interface PolicyWeights {

    /** Names of the parameters the trainer updates. */
    Predicate<String> trainable();

    /** Writes the current iterate into {@code dir}. */
    void save(Path dir);

    /** Loads the iterate saved in {@code dir} into the live policy. */
    void load(Path dir);

    /** Switches training-only behaviour (LoRA dropout) on or off. */
    default void training(boolean on) {}

    static PolicyWeights of(TransformerPolicy policy, LoraAdapter adapter) {
        return adapter == null ? new Full(policy) : new Adapter(policy, adapter);
    }

    /** Every weight of the model. */
    record Full(TransformerPolicy policy) implements PolicyWeights {
        @Override
        public Predicate<String> trainable() {
            return name -> true;
        }

        @Override
        public void save(Path dir) {
            policy.save(dir);
        }

        @Override
        public void load(Path dir) {
            CheckpointDir.loadInto(policy.model(), dir);
        }
    }

    /** Only the adapter's A and B factors; the base stays as it is. */
    record Adapter(TransformerPolicy policy, LoraAdapter adapter) implements PolicyWeights {
        @Override
        public Predicate<String> trainable() {
            return LoraAdapter::isAdapterParameter;
        }

        @Override
        public void save(Path dir) {
            AdapterFiles.save(adapter, dir);
        }

        @Override
        public void load(Path dir) {
            AdapterFiles.loadInto(adapter, dir);
        }

        @Override
        public void training(boolean on) {
            adapter.setTraining(on);
        }
    }
}
