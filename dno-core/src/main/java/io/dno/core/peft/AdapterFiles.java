package io.dno.core.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.checkpoint.Safetensors;
import io.dno.core.checkpoint.StorageType;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.DataFileException;
import io.dno.core.io.Directories;
import io.dno.core.io.Json;
import io.dno.core.model.Transformer;
import io.dno.core.tensor.InPlace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LoRA adapters in Hugging Face PEFT's directory layout, readable by {@code PeftModel.from_pretrained}:
 * {@code adapter_config.json} (PEFT's {@code LoraConfig} keys) and {@code adapter_model.safetensors} with PEFT's
 * tensor names, {@code base_model.model.model.layers.{i}.self_attn.q_proj.lora_A.weight} (r, in) and
 * {@code ...lora_B.weight} (out, r), float32.
 *
 * <p>Reading is strict: options this implementation does not compute the same way as PEFT ({@code bias} other
 * than "none", {@code fan_in_fan_out}, {@code use_rslora}, {@code use_dora}, per-module rank or alpha patterns,
 * {@code layers_to_transform}, {@code modules_to_save}, a regex {@code target_modules}) are errors naming the key,
 * never silently ignored.
 */
public final class AdapterFiles {
    public static final String CONFIG = "adapter_config.json";
    public static final String WEIGHTS = "adapter_model.safetensors";
    /** The prefix PEFT's {@code PeftModelForCausalLM} puts before the base model's parameter names. */
    public static final String PEFT_PREFIX = "base_model.model.";

    private AdapterFiles() {}

    /** Writes the adapter's config and factors into {@code dir} (created if missing), each file atomically. */
    public static void save(LoraAdapter adapter, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        adapter.parameters().forEach((name, array) -> tensors.put(PEFT_PREFIX + name, array));
        Safetensors.write(dir.resolve(WEIGHTS), tensors, Map.of("format", "pt"), StorageType.F32);
        try {
            AtomicFiles.writeString(dir.resolve(CONFIG),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(configJson(adapter.config())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(CONFIG) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies the factors saved in {@code dir} into {@code adapter}'s live parameters, in place (the adapter stays
     * attached and trainable). The saved adapter must have the same rank, {@code lora_alpha} (the scale α/r of its
     * update) and target modules.
     */
    public static void loadInto(LoraAdapter adapter, Path dir) {
        LoraConfig saved = readConfig(dir.resolve(CONFIG));
        LoraConfig live = adapter.config();
        if (saved.rank() != live.rank() || saved.alpha() != live.alpha()
                || !saved.targetModules().equals(live.targetModules())) {
            throw new DataFileException(dir.resolve(CONFIG), 0, "the saved adapter (r=" + saved.rank() + ", lora_alpha="
                    + saved.alpha() + ", " + saved.targetModules() + ") does not match the attached one (r="
                    + live.rank() + ", lora_alpha=" + live.alpha() + ", " + live.targetModules() + "); attach an "
                    + "adapter with the saved configuration, or load the directory with AdapterFiles.load");
        }
        Path weightsFile = dir.resolve(WEIGHTS);
        try (NDManager scratch = adapter.model().manager().newSubManager()) {
            Map<String, NDArray> weights = Safetensors.read(weightsFile, scratch);
            for (Map.Entry<String, NDArray> e : adapter.parameters().entrySet()) {
                NDArray w = weights.get(PEFT_PREFIX + e.getKey());
                if (w == null || !w.getShape().equals(e.getValue().getShape())) {
                    throw new DataFileException(weightsFile, 0, "tensor '" + PEFT_PREFIX + e.getKey() + "' is missing or "
                            + "has another shape than the attached adapter's " + e.getValue().getShape());
                }
                InPlace.copy(e.getValue(), w.getDataType() == e.getValue().getDataType() ? w
                        : w.toType(e.getValue().getDataType(), false));
            }
        }
    }

    /** Reads {@code dir}'s adapter and attaches it to {@code model}. */
    public static LoraAdapter load(Path dir, Transformer model) {
        LoraConfig config = readConfig(dir.resolve(CONFIG));
        Path weightsFile = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(weightsFile)) {
            throw new DataFileException(weightsFile, 0, "missing: an adapter directory holds " + CONFIG + " and " + WEIGHTS);
        }
        try (NDManager scratch = model.manager().newSubManager()) {
            Map<String, NDArray> weights = new LinkedHashMap<>();
            Safetensors.read(weightsFile, scratch).forEach((name, array) -> {
                if (!name.startsWith(PEFT_PREFIX)) {
                    throw new DataFileException(weightsFile, 0, "tensor '" + name + "' does not start with '"
                            + PEFT_PREFIX + "': not a PEFT causal-LM LoRA adapter");
                }
                weights.put(name.substring(PEFT_PREFIX.length()), array);
            });
            return LoraAdapter.attach(model, config, weights);
        } catch (IllegalArgumentException e) {
            throw new DataFileException(weightsFile, 0, e.getMessage(), e);
        }
    }

    /** PEFT's adapter_config.json for {@code config}, with PEFT's defaults for the keys dno does not vary. */
    static ObjectNode configJson(LoraConfig config) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.putObject("alpha_pattern");
        root.putNull("auto_mapping");
        root.put("base_model_name_or_path", config.baseModel());
        root.put("bias", "none");
        root.put("fan_in_fan_out", false);
        root.put("inference_mode", true);
        root.put("init_lora_weights", true);
        root.putNull("layers_pattern");
        root.putNull("layers_to_transform");
        root.putNull("megatron_config");
        root.put("megatron_core", "megatron.core");
        if (config.alpha() == Math.rint(config.alpha()) && Math.abs(config.alpha()) < 1e9) {
            root.put("lora_alpha", (int) config.alpha());                     // PEFT writes an int when it is one
        } else {
            root.put("lora_alpha", config.alpha());
        }
        root.put("lora_dropout", config.dropout());
        root.putNull("modules_to_save");
        root.put("peft_type", "LORA");
        root.put("r", config.rank());
        root.putObject("rank_pattern");
        root.putNull("revision");
        ArrayNode targets = root.putArray("target_modules");
        config.targetModules().forEach(targets::add);
        root.put("task_type", "CAUSAL_LM");
        root.put("use_dora", false);
        root.put("use_rslora", false);
        return root;
    }

    /** Parses and checks an adapter_config.json. */
    public static LoraConfig readConfig(Path file) {
        if (file.getParent() != null) {
            Directories.requireExisting(file.getParent(), "a PEFT adapter directory (adapter_config.json, "
                    + "adapter_model.safetensors)");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, 0, "missing: not a PEFT adapter directory");
        }
        ObjectNode root = Json.readObject(file, "an adapter_config.json");
        expectText(file, root, "peft_type", "LORA");
        JsonNode task = root.get("task_type");
        if (task != null && !task.isNull() && !task.asText().equals("CAUSAL_LM")) {
            throw new DataFileException(file, 0, "field 'task_type' is " + task + "; only CAUSAL_LM adapters apply to"
                    + " a decoder");
        }
        if (root.has("bias")) {
            expectText(file, root, "bias", "none");
        }
        for (String flag : List.of("fan_in_fan_out", "use_rslora", "use_dora")) {
            if (root.has(flag) && root.get(flag).asBoolean(false)) {
                throw new DataFileException(file, 0, "field '" + flag + "' is true; dno supports only false");
            }
        }
        for (String key : List.of("alpha_pattern", "rank_pattern")) {
            if (root.has(key) && !root.get(key).isNull() && root.get(key).size() > 0) {
                throw new DataFileException(file, 0, "field '" + key + "' is not empty; dno uses one rank and alpha for"
                        + " every module");
            }
        }
        for (String key : List.of("layers_to_transform", "modules_to_save")) {
            if (root.has(key) && !root.get(key).isNull()) {
                throw new DataFileException(file, 0, "field '" + key + "' is set; dno adapts every layer and saves no"
                        + " extra modules, so it must be null");
            }
        }
        int rank = requiredNumber(file, root, "r").intValue();
        double alpha = requiredNumber(file, root, "lora_alpha").doubleValue();
        double dropout = root.has("lora_dropout") ? requiredNumber(file, root, "lora_dropout").doubleValue() : 0.0;
        JsonNode targets = root.get("target_modules");
        if (targets == null || !targets.isArray()) {
            throw new DataFileException(file, 0, "field 'target_modules' must be a list of module names such as"
                    + " [\"q_proj\", \"v_proj\"]" + (targets != null && targets.isTextual() ? " (a regex string is not"
                    + " supported)" : ""));
        }
        List<String> modules = new ArrayList<>();
        targets.forEach(t -> modules.add(t.asText()));
        JsonNode base = root.get("base_model_name_or_path");
        try {
            return new LoraConfig(rank, alpha, dropout, modules, base == null || base.isNull() ? "" : base.asText());
        } catch (IllegalArgumentException e) {
            throw new DataFileException(file, 0, e.getMessage(), e);
        }
    }

    private static void expectText(Path file, ObjectNode root, String key, String expected) {
        JsonNode v = root.get(key);
        if (v == null || !v.isTextual() || !v.asText().equals(expected)) {
            throw new DataFileException(file, 0, "field '" + key + "' must be \"" + expected + "\", got " + v);
        }
    }

    private static Number requiredNumber(Path file, ObjectNode root, String key) {
        JsonNode v = root.get(key);
        if (v == null || !v.isNumber()) {
            throw new DataFileException(file, 0, "field '" + key + "' must be a number, got " + v);
        }
        return v.numberValue();
    }
}
