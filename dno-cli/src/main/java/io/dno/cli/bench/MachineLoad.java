package io.dno.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host's load average over the last minute ({@code /proc/loadavg}; NaN elsewhere), reported beside timings. */
final class MachineLoad {
    private MachineLoad() {}

    static double oneMinute() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
