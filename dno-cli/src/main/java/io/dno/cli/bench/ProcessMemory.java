package io.dno.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from {@code /proc/self/status} (Linux); NaN elsewhere. */
final class ProcessMemory {
    private ProcessMemory() {}

    /** Peak resident set size ({@code VmHWM}) in MiB. */
    static double peakRssMib() {
        return field("VmHWM:");
    }

    /** Current resident set size ({@code VmRSS}) in MiB. */
    static double rssMib() {
        return field("VmRSS:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
