package io.dno.core.model;

import java.util.List;
import java.util.OptionalInt;

/** Small configurations covering the architecture's branches: MHA/GQA, tied/untied head, q/k/v bias. */
final class TinyConfigs {
    private TinyConfigs() {}

    /** Llama, 4 heads over 2 kv heads, tied head. */
    static TransformerConfig llamaGqaTied() {
        return TransformerConfig.llama(ByteTokenizer.VOCAB, 32, 64, 2, 4, 2, 128).withTiedEmbeddings(true)
                .withSpecialTokens(OptionalInt.of(ByteTokenizer.BOS), List.of(ByteTokenizer.EOS));
    }

    /** Qwen2 (q/k/v bias), 4 heads over 1 kv head, untied head, rope_theta 1e6. */
    static TransformerConfig qwen2GqaUntied() {
        return TransformerConfig.llama(ByteTokenizer.VOCAB, 32, 48, 2, 4, 1, 128).withModelType("qwen2")
                .withRopeTheta(1e6).withTiedEmbeddings(false);
    }

    /** Mistral-typed plain multi-head attention, untied. */
    static TransformerConfig mistralMha() {
        return TransformerConfig.llama(ByteTokenizer.VOCAB, 24, 40, 1, 3, 3, 64).withModelType("mistral");
    }

    static List<TransformerConfig> all() {
        return List.of(llamaGqaTied(), qwen2GqaUntied(), mistralMha());
    }
}
