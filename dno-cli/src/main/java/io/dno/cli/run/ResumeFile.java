package io.dno.cli.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code command.json} in a run directory: the {@code dno} arguments that created the run, so that
 * {@code dno resume DIR} can continue any run (a {@code dno run} or a {@code dno quickstart}) by running them again;
 * every stage already complete is skipped.
 */
public record ResumeFile(@JsonProperty(value = "args", required = true) List<String> args) {
    public static final String NAME = "command.json";

    public ResumeFile {
        checkArgument(args != null && !args.isEmpty(), "command.json: 'args' must list the dno arguments");
        args = List.copyOf(args);
    }

    public void write(Path runDir) {
        Json.write(runDir.resolve(NAME), this);
    }

    public static ResumeFile read(Path runDir) {
        Path file = runDir.resolve(NAME);
        checkArgument(Files.isRegularFile(file), "%s is not a resumable run directory: it has no %s (was it made by "
                + "dno run or dno quickstart?)", runDir, NAME);
        try {
            return Json.mapper().treeToValue(Json.readObject(file, NAME), ResumeFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
