package io.dno.core.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dno.core.checkpoint.StorageType;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.peft.AdapterFiles;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.peft.LoraConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An adapter written by {@link AdapterFiles} merges as files into what {@link LoraAdapter#merge()} computes in memory. */
class PeftInteropTest {

    @TempDir
    Path dir;

    @Test
    void deltaMergeOfOneAdapterEqualsTheAdapterMergedIntoItsModel() {
        Path base = MergesTest.model(dir, "base", 1, StorageType.F32);
        LoraConfig config = LoraConfig.of(2, 4, 0, LoraConfig.ALL_PROJECTIONS);
        Path adapterDir = dir.resolve("adapter");
        Map<String, float[]> expected = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager(); Transformer model = CheckpointDir.load(base)) {
            Map<String, NDArray> factors = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
                String name = e.getKey();
                if (name.startsWith("model.layers.") && name.endsWith("_proj.weight")) {
                    Shape shape = e.getValue().getShape();                                       // (out, in)
                    factors.put(LoraAdapter.parameterName(name, LoraAdapter.LORA_A),
                            m.randomNormal(new Shape(config.rank(), shape.get(1))));
                    factors.put(LoraAdapter.parameterName(name, LoraAdapter.LORA_B),
                            m.randomNormal(new Shape(shape.get(0), config.rank())));
                }
            }
            LoraAdapter lora = LoraAdapter.attach(model, config, factors);
            AdapterFiles.save(lora, adapterDir);
            lora.merge();
            model.parameters().forEach((name, w) -> {
                if (!LoraAdapter.isAdapterParameter(name)) {
                    expected.put(name, w.toFloatArray());
                }
            });
        }
        Merges.adapters(List.of(adapterDir), Optional.of(base), AdapterMergeMode.DELTA,
                MergeSettings.of(MergeMethod.TASK_ARITHMETIC), dir.resolve("out"));
        Map<String, float[]> merged = MergesTest.weights(dir.resolve("out"));
        assertEquals(expected.keySet(), merged.keySet());
        int adapted = 0;
        Map<String, float[]> before = MergesTest.weights(base);
        for (String name : expected.keySet()) {
            float[] want = expected.get(name);
            for (int j = 0; j < want.length; j++) {
                assertEquals(want[j], merged.get(name)[j], 1e-5, name + "[" + j + "]");
            }
            adapted += java.util.Arrays.equals(before.get(name), want) ? 0 : 1;
        }
        assertTrue(adapted >= 7, "every projection of the layer changed, got " + adapted);
    }
}
