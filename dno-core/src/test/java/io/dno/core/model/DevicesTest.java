package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevicesTest {

    @Test
    void parsesCpuAndGpuForms() {
        assertEquals(Device.cpu(), Devices.parse("cpu"));
        assertEquals(Device.gpu(0), Devices.parse("gpu"));
        assertEquals(Device.gpu(0), Devices.parse("GPU:0"));
        assertEquals(Device.gpu(3), Devices.parse("gpu:3"));
        assertEquals(Device.gpu(1), Devices.parse("cuda:1"));
        assertEquals("gpu:3", Devices.name(Devices.parse("gpu:3")));
        assertEquals("cpu", Devices.name(Device.cpu()));
    }

    @Test
    void rejectsOtherNamesListingTheAcceptedForms() {
        for (String bad : new String[] {"tpu", "gpu:", "gpu:-1", "gpu:x", "", "cpu:0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.parse(bad));
            assertTrue(e.getMessage().contains("cpu, gpu or gpu:N"), e.getMessage());
        }
    }

    @Test
    void modelsLiveOnTheCpuByDefaultAndOnTheAskedDevice() {
        try (Transformer a = Transformer.random(TinyConfigs.llamaGqaTied(), 1);
             Transformer b = Transformer.random(TinyConfigs.llamaGqaTied(), 1, Device.cpu())) {
            assertEquals(Device.cpu(), a.device());
            assertEquals(Device.cpu(), b.device());
            b.parameters().values().forEach(p -> assertEquals(Device.cpu(), p.getDevice()));
        }
    }

    @Test
    void aGpuThatIsNotThereIsAClearErrorBeforeAnyTensorIsMade(@TempDir Path dir) {
        assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        try (Transformer model = Transformer.random(TinyConfigs.llamaGqaTied(), 1)) {
            CheckpointDir.save(model, dir);
        }
        IllegalArgumentException random = assertThrows(IllegalArgumentException.class,
                () -> Transformer.random(TinyConfigs.llamaGqaTied(), 1, Device.gpu(0)));
        assertTrue(random.getMessage().contains("device gpu:0 was asked for"), random.getMessage());
        assertTrue(random.getMessage().contains("PYTORCH_FLAVOR=cu128"), random.getMessage());
        assertTrue(random.getMessage().contains("--device cpu"), random.getMessage());
        IllegalArgumentException load = assertThrows(IllegalArgumentException.class,
                () -> CheckpointDir.load(dir, Device.gpu(1)));
        assertTrue(load.getMessage().contains("device gpu:1 was asked for"), load.getMessage());
    }
}
