package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CudaProbeLoggingTest {
    @TempDir
    Path dir;

    @Test
    void aDriverIsPresentWhenAnyMarkerExists() throws IOException {
        Path version = dir.resolve("version");
        Path control = dir.resolve("nvidiactl");
        assertFalse(CudaProbeLogging.driverPresent(List.of(version, control)));
        Files.writeString(control, "");
        assertTrue(CudaProbeLogging.driverPresent(List.of(version, control)));
    }
}
