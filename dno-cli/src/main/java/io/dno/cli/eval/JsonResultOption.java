package io.dno.cli.eval;

import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --out FILE}: an eval subcommand prints its result as JSON and also writes it there when given. */
final class JsonResultOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the result JSON here")
    Path out;

    /** Prints {@code result} as indented JSON and writes it (atomically) to {@code --out} when given; returns 0. */
    int report(Object result) throws Exception {
        String json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        if (out != null) {
            AtomicFiles.writeString(out, json + "\n");
        }
        PrintWriter w = mixee.commandLine().getOut();
        w.println(json);
        w.flush();
        return 0;
    }
}
