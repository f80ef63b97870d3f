package io.dno.core.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.dno.core.checkpoint.CheckpointException;
import io.dno.core.checkpoint.Safetensors;
import io.dno.core.checkpoint.StorageType;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.testing.NdManagerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** LoRA adapters in the PEFT layout, merged as weight updates B·A or as factors. */
class AdapterMergeTest {
    private static final String Q = "model.layers.0.self_attn.q_proj";
    private static final String PEFT_Q = "base_model.model." + Q;
    private static final int R = 2;
    private static final double ALPHA = 4; // scale alpha / r = 2
    @RegisterExtension
    static final NdManagerExtension ND = new NdManagerExtension();

    @TempDir
    Path dir;

    /** A (r, in) and B (out, r) for the 8×8 q_proj of {@link MergesTest#CONFIG}. */
    private Path adapter(String name, float[] a, float[] b, String module) throws IOException {
        Path out = Files.createDirectories(dir.resolve(name));
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("base_model.model." + module + ".lora_A.weight", ND.manager().create(a, new Shape(R, 8)));
        tensors.put("base_model.model." + module + ".lora_B.weight", ND.manager().create(b, new Shape(8, R)));
        Safetensors.write(out.resolve(LoraAdapterFiles.WEIGHTS), tensors, Map.of(), StorageType.F32);
        Files.writeString(out.resolve(LoraAdapterFiles.CONFIG), "{\"peft_type\": \"LORA\", \"r\": " + R
                + ", \"lora_alpha\": " + ALPHA + ", \"target_modules\": [\"q_proj\"], \"lora_dropout\": 0.0}");
        return out;
    }

    private static float[] ramp(int n, float start, float step) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = start + step * i;
        }
        return out;
    }

    @Test
    void deltaMergeAddsTheMeanUpdateToTheBaseAndLoads() throws IOException {
        Path base = MergesTest.model(dir, "base", 1, StorageType.F32);
        float[] a1 = ramp(16, -1, 0.125f);
        float[] b1 = ramp(16, 0.5f, -0.0625f);
        float[] a2 = ramp(16, 0.3f, 0.05f);
        float[] b2 = ramp(16, -0.2f, 0.03f);
        Path ad1 = adapter("ad1", a1, b1, Q);
        Path ad2 = adapter("ad2", a2, b2, Q);
        Merges.adapters(List.of(ad1, ad2), Optional.of(base), AdapterMergeMode.DELTA,
                MergeSettings.of(MergeMethod.LINEAR), dir.resolve("out"));
        Map<String, float[]> w0 = MergesTest.weights(base);
        Map<String, float[]> merged = MergesTest.weights(dir.resolve("out"));
        float[] q0 = w0.get(Q + ".weight");
        float[] q = merged.get(Q + ".weight");
        for (int o = 0; o < 8; o++) {
            for (int c = 0; c < 8; c++) {
                double d1 = 0;
                double d2 = 0;
                for (int k = 0; k < R; k++) {
                    d1 += b1[o * R + k] * a1[k * 8 + c];
                    d2 += b2[o * R + k] * a2[k * 8 + c];
                }
                double expected = q0[o * 8 + c] + (ALPHA / R) * (d1 + d2) / 2;
                assertEquals(expected, q[o * 8 + c], 1e-5, "q_proj[" + o + "][" + c + "]");
            }
        }
        w0.forEach((name, values) -> {
            if (!name.equals(Q + ".weight")) {
                assertArrayEquals(values, merged.get(name), 0f, name + " is not adapted and stays the base's");
            }
        });
        try (Transformer loaded = CheckpointDir.load(dir.resolve("out"))) {
            assertEquals(MergesTest.CONFIG.numHiddenLayers(), loaded.config().numHiddenLayers());
        }
    }

    @Test
    void factorMergeAveragesAAndBSeparately() throws IOException {
        float[] a1 = ramp(16, -1, 0.125f);
        float[] b1 = ramp(16, 0.5f, -0.0625f);
        float[] a2 = ramp(16, 0.3f, 0.05f);
        float[] b2 = ramp(16, -0.2f, 0.03f);
        Path ad1 = adapter("ad1", a1, b1, Q);
        Path ad2 = adapter("ad2", a2, b2, Q);
        Path out = dir.resolve("out");
        Merges.adapters(List.of(ad1, ad2), Optional.empty(), AdapterMergeMode.FACTORS,
                MergeSettings.of(MergeMethod.LINEAR), out);
        Map<String, NDArray> merged = Safetensors.read(out.resolve(LoraAdapterFiles.WEIGHTS), ND.manager());
        float[] a = merged.get(PEFT_Q + ".lora_A.weight").toFloatArray();
        float[] b = merged.get(PEFT_Q + ".lora_B.weight").toFloatArray();
        for (int i = 0; i < 16; i++) {
            assertEquals((a1[i] + a2[i]) / 2, a[i], 1e-6);
            assertEquals((b1[i] + b2[i]) / 2, b[i], 1e-6);
        }
        assertEquals(Files.readString(ad1.resolve(LoraAdapterFiles.CONFIG)),
                Files.readString(out.resolve(LoraAdapterFiles.CONFIG)));
    }

    @Test
    void adapterProblemsAreNamed() throws IOException {
        Path base = MergesTest.model(dir, "base", 1, StorageType.F32);
        Path wrong = adapter("wrong", new float[16], new float[16], "model.layers.7.self_attn.q_proj");
        Path ok = adapter("ok", new float[16], new float[16], Q);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Merges.adapters(List.of(ok, wrong),
                Optional.of(base), AdapterMergeMode.DELTA, MergeSettings.of(MergeMethod.LINEAR), dir.resolve("o1")));
        assertTrue(e.getMessage().contains("model.layers.7.self_attn.q_proj.weight")
                && e.getMessage().contains("adapter_model.safetensors"), e.getMessage());
        IllegalArgumentException iae = assertThrows(IllegalArgumentException.class, () -> Merges.adapters(
                List.of(ok, ok), Optional.empty(), AdapterMergeMode.DELTA, MergeSettings.of(MergeMethod.LINEAR),
                dir.resolve("o2")));
        assertTrue(iae.getMessage().contains("--base"), iae.getMessage());
        Files.writeString(wrong.resolve(LoraAdapterFiles.CONFIG), "{\"r\": 4, \"lora_alpha\": 8}");
        e = assertThrows(CheckpointException.class, () -> Merges.adapters(List.of(ok, wrong), Optional.empty(),
                AdapterMergeMode.FACTORS, MergeSettings.of(MergeMethod.LINEAR), dir.resolve("o3")));
        assertTrue(e.getMessage().contains("\"lora_alpha\"") && e.getMessage().contains("wrong"), e.getMessage());
    }
}
