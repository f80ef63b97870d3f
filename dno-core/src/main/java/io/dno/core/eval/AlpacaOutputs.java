package io.dno.core.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.DataFileException;
import io.dno.core.io.DataFiles;
import io.dno.core.io.Json;
import io.dno.core.data.Prompt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * AlpacaEval's {@code model_outputs.json}: a JSON array of {@code {instruction, output, generator, dataset}}, what
 * {@code alpaca_eval --model_outputs} reads. Instructions come from AlpacaEval's own evaluation-set JSON (an array of
 * objects with {@code instruction} and optionally {@code dataset}) or from a dno prompts JSONL ({@code {id, text}}).
 */
public final class AlpacaOutputs {
    private AlpacaOutputs() {}

    /** One instruction to answer, with the AlpacaEval subset it came from (null when unknown). */
    public record Instruction(String instruction, String dataset) {}

    /** One line of model_outputs.json. */
    public record Output(@JsonProperty("instruction") String instruction, @JsonProperty("output") String output,
                        @JsonProperty("generator") String generator, @JsonProperty("dataset") String dataset) {}

    /** Reads {@code file}: a JSON array (AlpacaEval) when it ends in {@code .json}, else dno prompts JSONL. */
    public static List<Instruction> readInstructions(Path file) {
        List<Instruction> out = new ArrayList<>();
        if (file.getFileName().toString().endsWith(".json")) {
            JsonNode root;
            try {
                root = Json.mapper().readTree(Files.readString(file));
            } catch (IOException e) {
                throw new DataFileException(file, 0, "not a JSON array of {instruction, ...}: " + e.getMessage(), e);
            }
            if (root == null || !root.isArray()) {
                throw new DataFileException(file, 0, "must be a JSON array of {instruction, ...} (AlpacaEval's eval set)");
            }
            for (int i = 0; i < root.size(); i++) {
                JsonNode e = root.get(i);
                if (!e.path("instruction").isTextual()) {
                    throw new DataFileException(file, 0, "element " + i + " has no string 'instruction'");
                }
                out.add(new Instruction(e.get("instruction").asText(),
                        e.path("dataset").isTextual() ? e.get("dataset").asText() : null));
            }
        } else {
            for (Prompt p : DataFiles.readPrompts(file)) {
                out.add(new Instruction(p.text(), null));
            }
        }
        if (out.isEmpty()) {
            throw new DataFileException(file, 0, "holds no instructions");
        }
        return out;
    }

    /** Reads AlpacaEval annotations: a JSON array ({@code annotations.json}) or JSON Lines. */
    public static List<AlpacaAnnotation> readAnnotations(Path file) {
        if (!file.getFileName().toString().endsWith(".json")) {
            return io.dno.core.io.Jsonl.read(file, AlpacaAnnotation.class);
        }
        try {
            AlpacaAnnotation[] array = Json.mapper().readValue(file.toFile(), AlpacaAnnotation[].class);
            return List.of(array);
        } catch (IOException e) {
            throw new DataFileException(file, 0, "not a JSON array of AlpacaEval annotations {instruction, output_1, "
                    + "output_2, preference}: " + e.getMessage(), e);
        }
    }

    /** Writes the outputs atomically, pretty-printed as AlpacaEval writes them. */
    public static void write(Path file, List<Output> outputs) {
        try {
            AtomicFiles.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(outputs) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
