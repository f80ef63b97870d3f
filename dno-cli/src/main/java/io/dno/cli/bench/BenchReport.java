package io.dno.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dno.core.io.Json;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --json}: a bench subcommand prints its result as one JSON line, or indented without it (snake_case keys). */
final class BenchReport {
    private static final ObjectMapper JSON = Json.mapper().copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Option(names = "--json", description = "print one JSON object instead of the indented report")
    boolean json;

    /** Prints {@code result} to {@code spec}'s output; returns the exit code 0. */
    int print(CommandSpec spec, Map<String, Object> result) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(json ? JSON.writeValueAsString(result)
                    : JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the benchmark result as JSON", e);
        }
        out.flush();
        return 0;
    }
}
