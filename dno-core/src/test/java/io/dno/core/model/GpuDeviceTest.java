package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dno.core.policy.SamplingParams;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The model on a GPU computes what it computes on the CPU. Tagged {@code gpu}: excluded by default, run with
 * {@code mvn -Pgpu verify} and a CUDA libtorch (README.md, "Running on a GPU"); skipped when DJL sees no GPU.
 */
@Tag("gpu")
class GpuDeviceTest {

    @Test
    void logitsAndGreedySamplesOnTheGpuMatchTheCpu() {
        assumeTrue(Engine.getInstance().getGpuCount() > 0, "DJL sees no GPU");
        TransformerConfig config = TinyConfigs.qwen2GqaUntied();
        try (Transformer cpu = Transformer.random(config, 5);
             Transformer gpu = Transformer.random(config, 5, Device.gpu(0));
             NDManager mc = cpu.manager().newSubManager();
             NDManager mg = gpu.manager().newSubManager()) {
            assertEquals(Device.gpu(0), gpu.device());
            long[][] ids = {{1, 5, 9, 12, 40, 3}, {2, 2, 7, 8, 100, 4}};
            NDArray onCpu = cpu.logits(mc.create(ids), mc.ones(new ai.djl.ndarray.types.Shape(2, 6)));
            NDArray onGpu = gpu.logits(mg.create(ids), mg.ones(new ai.djl.ndarray.types.Shape(2, 6)));
            assertEquals(Device.gpu(0), onGpu.getDevice());
            float diff = onGpu.toDevice(Device.cpu(), true).sub(onCpu).abs().max().getFloat();
            assertTrue(diff < 1e-3f, "max |logits gpu - cpu| = " + diff);
            SamplingParams greedy = SamplingParams.builder().samplesPerPrompt(2).temperature(0.0).topP(1.0)
                    .maxNewTokens(12).seed(1).build();
            List<int[]> prompts = List.of(new int[] {1, 5, 9});
            Generation a = new Generator(cpu, 0, Set.of(), t -> false).generate(prompts, greedy).get(0).get(0);
            Generation b = new Generator(gpu, 0, Set.of(), t -> false).generate(prompts, greedy).get(0).get(0);
            assertEquals(java.util.Arrays.toString(a.tokens()), java.util.Arrays.toString(b.tokens()));
        }
    }
}
