package io.dno.core.policy;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * How a process other than the one that trains (an executor of a distributed engine) opens an iterate the run
 * saved: a small serialisable description (where the base model, tokenizer and prompt format come from), never the
 * policy itself. {@code io.dno.core.model.PolicySource} opens a full checkpoint, {@code io.dno.core.peft.AdapterSource}
 * a base with a LoRA adapter directory. Make it a record (or give it {@code equals}): an executor keeps the policy
 * it opened while the same loader asks for the same iterate.
 */
public interface IterateLoader extends Serializable {

    /**
     * The policy holding the iterate saved in {@code iterate} (an {@code iter-N/checkpoint} directory), ready to
     * generate and to score pairs; the caller closes it.
     */
    TrainablePolicy open(Path iterate);
}
