package io.dno.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.model.TransformerPolicy;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.peft.LoraConfig;
import io.dno.core.testing.TinyRuleWorld;
import io.dno.core.train.StepMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DNO through a LoRA adapter: only the adapter trains, iterates are PEFT adapter directories, resume is exact. */
class LoraAlignmentTest {
    @TempDir
    Path tmp;

    private static final LoraConfig LORA = LoraConfig.of(4, 8, 0, LoraConfig.ALL_PROJECTIONS);

    private AlignmentReport run(Path runDir, RunListener listener, Map<String, float[]> baseOut) {
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp.resolve("tok"), 31);
             LoraAdapter adapter = LoraAdapter.attach(policy.model(), LORA, 5)) {
            Map<String, float[]> before = base(policy);
            AlignmentReport report = TinyRuleWorld.standard().builder(policy, runDir)
                    .strategy(Strategy.dno().withSamplesPerPrompt(3).withIterations(2))
                    .adapter(adapter).checkpointEverySteps(1).listener(listener).build().run();
            Map<String, float[]> after = base(policy);
            before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " changed: the base must stay frozen"));
            baseOut.putAll(after);
            return report;
        }
    }

    private static Map<String, float[]> base(TransformerPolicy policy) {
        Map<String, float[]> out = new LinkedHashMap<>();
        policy.model().parameters().forEach((k, v) -> {
            if (!LoraAdapter.isAdapterParameter(k)) {
                out.put(k, v.toFloatArray());
            }
        });
        return out;
    }

    @Test
    void onlyTheAdapterTrainsAndEveryIterateIsAPeftDirectory() throws Exception {
        Path reference = tmp.resolve("reference");
        AlignmentReport report = run(reference, new RunListener() {}, new LinkedHashMap<>());
        for (int t = 0; t <= 2; t++) {
            Path ckpt = reference.resolve("iter-" + t + "/checkpoint");
            assertTrue(Files.exists(ckpt.resolve("adapter_config.json")), ckpt + " has no adapter_config.json");
            assertTrue(Files.exists(ckpt.resolve("adapter_model.safetensors")));
            assertFalse(Files.exists(ckpt.resolve("model.safetensors")), "the base is not copied per iteration");
        }
        assertTrue(report.iterations().get(2).training().steps() > 0);

        Path crashed = tmp.resolve("crashed");
        IllegalStateException crash = assertThrows(IllegalStateException.class, () -> run(crashed,
                new RunListener() {
                    @Override
                    public void onTrainingStep(String step, StepMetrics m) {
                        if (step.equals("iter-2") && m.step() == 2) {
                            throw new IllegalStateException("simulated crash");
                        }
                    }
                }, new LinkedHashMap<>()));
        assertEquals("simulated crash", crash.getMessage());
        assertTrue(Files.isDirectory(crashed.resolve("iter-2/train-state")), "the crash hit inside training");
        run(crashed, new RunListener() {}, new LinkedHashMap<>());
        assertArrayEquals(Files.readAllBytes(reference.resolve("iter-2/checkpoint/adapter_model.safetensors")),
                Files.readAllBytes(crashed.resolve("iter-2/checkpoint/adapter_model.safetensors")),
                "the resumed adapter equals the uninterrupted one");
    }
}
