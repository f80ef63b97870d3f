package io.dno.cli.reliability;

import io.dno.cli.DnoCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code dno} command in a separate JVM, started from the test's own class path with the DJL settings surefire
 * gives the test JVM, its output sent to a file. Killing it is a real SIGKILL ({@link Process#destroyForcibly}).
 */
public final class DnoProcess {
    private DnoProcess() {}

    public static Process start(Path output, Map<String, String> environment, String... args) throws IOException {
        return start(output, environment, List.of(), args);
    }

    /** As {@link #start(Path, Map, String...)} with extra {@code -Dkey=value} JVM options. */
    public static Process start(Path output, Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dai.djl.offline=true");
        for (String property : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DnoCommand.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
