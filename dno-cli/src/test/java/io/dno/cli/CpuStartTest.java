package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dno.cli.reliability.DnoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first minute on a machine without an NVIDIA driver: a {@code dno} process (its own JVM, logging at
 * INFO) loads DJL without one {@code WARN ai.djl.util.cuda.CudaUtils} line. Runs where DJL's probe does warn (a
 * CUDA runtime without a driver, as on the build machine), shown first with the logger forced back to WARN;
 * skipped where the probe is silent anyway or a driver exists.
 */
class CpuStartTest {
    private static final String PROBE = "ai.djl.util.cuda.CudaUtils";

    @TempDir
    Path dir;

    @Test
    void noCudaWarningsWithoutADriver() throws Exception {
        assumeFalse(CudaProbeLogging.driverPresent(CudaProbeLogging.DRIVER_MARKERS), "this machine has a GPU driver");
        String forced = run("forced", List.of("-D" + CudaProbeLogging.LOGGER_LEVEL + "=warn"));
        assumeTrue(forced.contains(PROBE), "DJL's GPU probe says nothing on this machine (no CUDA runtime)");
        String quiet = run("quiet", List.of());
        assertFalse(quiet.contains(PROBE), quiet);
        assertTrue(Files.isRegularFile(dir.resolve("quiet/config.json")), "the command still ran: " + quiet);
    }

    private String run(String name, List<String> jvmOptions) throws Exception {
        Path log = dir.resolve(name + ".log");
        Process p = DnoProcess.start(log, Map.of(), jvmOptions, "init-model", "--out", dir.resolve(name).toString(),
                "--no-tokenizer", "--vocab-size", "20");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "init-model finished");
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
