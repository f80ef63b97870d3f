package io.dno.core.peft;

import static io.dno.core.peft.PeftFixtures.logits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.checkpoint.Safetensors;
import io.dno.core.checkpoint.SafetensorsHeader;
import io.dno.core.checkpoint.TensorInfo;
import io.dno.core.io.DataFileException;
import io.dno.core.io.Json;
import io.dno.core.model.Transformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterFilesTest {
    @TempDir
    Path dir;

    @Test
    void aSavedAndReloadedAdapterGivesIdenticalOutputs() {
        LoraConfig config = LoraConfig.of(4, 32, 0.05, List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
                "up_proj", "down_proj")).withBaseModel("tiny-base");
        float[] adapted;
        try (Transformer model = Transformer.random(PeftFixtures.qwen2(), 5);
             LoraAdapter lora = LoraAdapter.attach(model, config, 9)) {
            PeftFixtures.randomiseB(lora, 4);
            adapted = logits(model);
            AdapterFiles.save(lora, dir);
        }
        try (Transformer model = Transformer.random(PeftFixtures.qwen2(), 5);
             LoraAdapter lora = AdapterFiles.load(dir, model)) {
            assertEquals(config, lora.config());
            assertArrayEquals(adapted, logits(model));
        }
    }

    @Test
    void theFilesUsePeftsNamesShapesAndConfigKeys() {
        try (Transformer model = Transformer.random(PeftFixtures.llama(), 5);
             LoraAdapter lora = LoraAdapter.attach(model, LoraConfig.of(8, 16, 0.1, List.of("q_proj", "v_proj")), 9)) {
            AdapterFiles.save(lora, dir);
        }
        SafetensorsHeader header = Safetensors.readHeader(dir.resolve("adapter_model.safetensors"));
        List<String> names = header.tensors().stream().map(TensorInfo::name).sorted().toList();
        assertEquals(8, names.size());
        assertTrue(names.contains("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"), names::toString);
        assertTrue(names.contains("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"), names::toString);
        TensorInfo a = header.tensors().stream().filter(t -> t.name().endsWith("layers.0.self_attn.q_proj.lora_A.weight"))
                .findFirst().orElseThrow();
        TensorInfo b = header.tensors().stream().filter(t -> t.name().endsWith("layers.0.self_attn.v_proj.lora_B.weight"))
                .findFirst().orElseThrow();
        assertEquals(new Shape(8, 32), a.djlShape(), "lora_A is (r, in)");
        assertEquals(new Shape(16, 8), b.djlShape(), "lora_B is (out, r): v_proj out = 2 kv heads x 8");
        ObjectNode json = Json.readObject(dir.resolve("adapter_config.json"), "adapter config");
        assertEquals("LORA", json.get("peft_type").asText());
        assertEquals(8, json.get("r").asInt());
        assertTrue(json.get("lora_alpha").isInt());
        assertEquals(16, json.get("lora_alpha").asInt());
        assertEquals(0.1, json.get("lora_dropout").asDouble());
        assertEquals("none", json.get("bias").asText());
        assertEquals("CAUSAL_LM", json.get("task_type").asText());
        assertEquals(false, json.get("fan_in_fan_out").asBoolean());
        assertEquals("[\"q_proj\",\"v_proj\"]", json.get("target_modules").toString());
        assertTrue(json.has("base_model_name_or_path"));
    }

    @Test
    void unsupportedPeftOptionsAndMismatchesAreClearErrors() throws IOException {
        try (Transformer model = Transformer.random(PeftFixtures.llama(), 5);
             LoraAdapter lora = LoraAdapter.attach(model, LoraConfig.of(4, 8, 0, List.of("q_proj")), 9)) {
            AdapterFiles.save(lora, dir);
        }
        Path config = dir.resolve("adapter_config.json");
        String original = Files.readString(config);

        Files.writeString(config, original.replace("\"use_dora\" : false", "\"use_dora\" : true"));
        assertTrue(assertThrows(DataFileException.class, () -> AdapterFiles.readConfig(config)).getMessage()
                .contains("'use_dora'"));
        Files.writeString(config, original.replace("\"q_proj\"", "\"q_proj\", \"c_attn\""));
        assertTrue(assertThrows(DataFileException.class, () -> AdapterFiles.readConfig(config)).getMessage()
                .contains("'c_attn'"));
        Files.writeString(config, original.replace("\"r\" : 4", "\"r\" : 8"));
        try (Transformer model = Transformer.random(PeftFixtures.llama(), 5)) {
            DataFileException e = assertThrows(DataFileException.class, () -> AdapterFiles.load(dir, model));
            assertTrue(e.getMessage().contains("adapter_model.safetensors") && e.getMessage().contains("shape"),
                    e::getMessage);
            assertEquals(Transformer.random(PeftFixtures.llama(), 5).parameters().keySet(),
                    model.parameters().keySet(), "a failed load leaves the model as it was");
        }
    }

    @Test
    void aModelWithAnAttachedAdapterCannotBeSavedAsAPlainCheckpoint() {
        try (Transformer model = Transformer.random(PeftFixtures.llama(), 5)) {
            LoraAdapter lora = LoraAdapter.attach(model, LoraConfig.of(4, 8, 0, List.of("q_proj")), 9);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> io.dno.core.model.CheckpointDir.save(model, dir.resolve("m")));
            assertTrue(e.getMessage().contains("merge and detach"), e::getMessage);
            lora.merge();
            lora.detach(true);
            io.dno.core.model.CheckpointDir.save(model, dir.resolve("m"));
            try (Transformer reloaded = io.dno.core.model.CheckpointDir.load(dir.resolve("m"))) {
                assertArrayEquals(logits(model), logits(reloaded));
            }
        }
    }
}
