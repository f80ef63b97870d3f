package io.dno.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps DJL's GPU probe quiet on machines that cannot have a GPU. DJL asks the CUDA runtime (libcudart, through
 * {@code ai.djl.util.cuda.CudaUtils}) how many GPUs there are each time it loads its engine, picks a native or a
 * default device; on a machine with a CUDA toolkit but no NVIDIA driver, every probe logs {@code WARN
 * ai.djl.util.cuda.CudaUtils - Failed to detect GPU count: CUDA driver version is insufficient ...} (four times
 * before a quickstart starts). Without a driver no GPU can be used, so the warning tells the user nothing: before
 * DJL loads, the CLI raises that logger to {@code error}. With a driver the warning stays, since it then explains a
 * GPU that does not work. A level the user sets for the logger ({@code -Dorg.slf4j.simpleLogger.log...}) wins.
 */
final class CudaProbeLogging {
    /** slf4j-simple's per-logger level key of DJL's probe. */
    static final String LOGGER_LEVEL = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";
    /** What the NVIDIA driver leaves on Linux (kernel module, control device) and on WSL (paravirtual GPU device). */
    static final List<Path> DRIVER_MARKERS = List.of(Path.of("/proc/driver/nvidia/version"), Path.of("/dev/nvidiactl"),
            Path.of("/dev/dxg"));

    private CudaProbeLogging() {}

    /** Silences the probe's warnings when no driver marker exists on Linux; elsewhere leaves logging as it is. */
    static void quietWithoutDriver() {
        if (System.getProperty("os.name", "").startsWith("Linux") && System.getProperty(LOGGER_LEVEL) == null
                && !driverPresent(DRIVER_MARKERS)) {
            System.setProperty(LOGGER_LEVEL, "error");
        }
    }

    /** Whether any of {@code markers} exists. */
    static boolean driverPresent(List<Path> markers) {
        return markers.stream().anyMatch(Files::exists);
    }
}
