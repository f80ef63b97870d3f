package io.dno.core.train;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which parameters get weight decay: the HF Trainer's two AdamW parameter groups, which TRL's trainers inherit
 * ({@code Trainer.get_decay_parameter_names}, transformers 4.5x): every parameter decays except biases and
 * normalisation weights, recognised by name, lower-cased, matching any of
 *
 * <pre>
 *   bias   layernorm   rmsnorm   (^|\.)norm($|\.)   _norm($|\.)
 * </pre>
 *
 * (HF also excludes parameters of {@code nn.LayerNorm} modules; a Llama/Qwen2/Mistral model has none besides its
 * RMSNorms, which the names already cover.) Like HF, embeddings, the output head and LoRA factors decay: HF
 * excludes neither embeddings nor 1-D parameters as such, and the only 1-D parameters of these models are norm
 * weights and biases.
 */
public final class WeightDecayGroups {
    private static final List<Pattern> NO_DECAY = List.of(Pattern.compile("bias"), Pattern.compile("layernorm"),
            Pattern.compile("rmsnorm"), Pattern.compile("(?:^|\\.)norm(?:$|\\.)"), Pattern.compile("_norm(?:$|\\.)"));

    private WeightDecayGroups() {}

    /** Whether the parameter called {@code name} (an HF name) gets weight decay, as in the HF Trainer. */
    public static boolean decays(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return NO_DECAY.stream().noneMatch(p -> p.matcher(lower).find());
    }
}
