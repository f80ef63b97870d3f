package io.dno.core.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.checkpoint.CheckpointException;
import io.dno.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A LoRA adapter directory in the PEFT layout: {@code adapter_config.json} and {@code adapter_model.safetensors}
 * whose tensors are {@code base_model.model.<module>.lora_A.weight} (r, in) and {@code ...lora_B.weight}
 * (out, r). The update of {@code <module>.weight} is {@code ΔW = scale · B·A} with {@code scale = lora_alpha / r},
 * or {@code lora_alpha / √r} under rsLoRA (Hu et al. 2021, Eq. 3; PEFT's {@code LoraLayer.update_layer}).
 *
 * @param dir    the adapter directory
 * @param config the parsed {@code adapter_config.json}
 * @param rank   {@code r}
 * @param scale  the factor applied to {@code B·A}
 */
record LoraAdapterFiles(Path dir, ObjectNode config, int rank, double scale) {
    static final String CONFIG = "adapter_config.json";
    static final String WEIGHTS = "adapter_model.safetensors";
    static final String PREFIX = "base_model.model.";
    static final String A_SUFFIX = ".lora_A.weight";
    static final String B_SUFFIX = ".lora_B.weight";

    /** Reads and checks {@code dir}'s adapter_config.json. */
    static LoraAdapterFiles open(Path dir) {
        Path configFile = dir.resolve(CONFIG);
        if (!Files.isRegularFile(configFile) || !Files.isRegularFile(dir.resolve(WEIGHTS))) {
            throw new CheckpointException(dir, "is not a PEFT adapter directory: it needs " + CONFIG + " and " + WEIGHTS);
        }
        ObjectNode config = Json.readObject(configFile, "an adapter_config.json");
        JsonNode r = config.path("r");
        JsonNode alpha = config.path("lora_alpha");
        if (!r.canConvertToInt() || r.intValue() < 1 || !alpha.isNumber()) {
            throw new CheckpointException(configFile, "needs an integer \"r\" >= 1 and a numeric \"lora_alpha\"");
        }
        if (config.path("fan_in_fan_out").asBoolean(false)) {
            throw new CheckpointException(configFile, "has fan_in_fan_out = true (GPT-2 Conv1D layout); only the "
                    + "Linear (out, in) layout of Llama-family models is supported");
        }
        for (String pattern : new String[] {"rank_pattern", "alpha_pattern"}) {
            if (config.path(pattern).isObject() && !config.path(pattern).isEmpty()) {
                throw new CheckpointException(configFile, "has a non-empty \"" + pattern + "\"; per-module ranks or "
                        + "alphas are not supported by the delta merge, merge the factors instead (--adapter-mode factors)");
            }
        }
        int rank = r.intValue();
        double scale = config.path("use_rslora").asBoolean(false) ? alpha.doubleValue() / Math.sqrt(rank)
                : alpha.doubleValue() / rank;
        return new LoraAdapterFiles(dir, config, rank, scale);
    }

    Path weights() {
        return dir.resolve(WEIGHTS);
    }

    /** The base weight a {@code lora_A}/{@code lora_B} tensor adapts, e.g. {@code model.layers.0.self_attn.q_proj.weight}. */
    static String baseWeightOf(Path file, String tensor) {
        String suffix = tensor.endsWith(A_SUFFIX) ? A_SUFFIX : tensor.endsWith(B_SUFFIX) ? B_SUFFIX : null;
        if (suffix == null || !tensor.startsWith(PREFIX)) {
            throw new CheckpointException(file, "tensor '" + tensor + "' is not a LoRA factor named "
                    + PREFIX + "<module>" + A_SUFFIX + " or " + B_SUFFIX + "; adapters with modules_to_save or "
                    + "embedding adapters can only be merged as factors (--adapter-mode factors)");
        }
        return tensor.substring(PREFIX.length(), tensor.length() - suffix.length()) + ".weight";
    }
}
