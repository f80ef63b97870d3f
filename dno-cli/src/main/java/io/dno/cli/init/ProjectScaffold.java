package io.dno.cli.init;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.Device;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Jsonl;
import io.dno.core.model.TransformerConfig;
import io.dno.core.tokenize.ByteLevelTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code dno init}'s project: a tiny model with its byte-level tokenizer ({@code model/}), training prompts, the
 * teacher's answers, evaluation and validation prompts, and a {@code run.yaml} that uses every section with its
 * defaults and an offline exact-match judge, so {@code dno run --config run.yaml} works at once. The directory
 * appears complete or not at all, and an existing non-empty one is never touched.
 */
public final class ProjectScaffold {
    /** The files of a scaffolded project, in the order {@code dno init} lists them. */
    public static final List<String> FILES = List.of("run.yaml", "model/", "prompts.jsonl", "teacher.jsonl",
            "evaluation.jsonl", "validation.jsonl");
    /** Training prompts: 3 iterations of 6. */
    static final int TRAINING_PROMPTS = 18;
    static final int EVALUATION_PROMPTS = 8;
    static final int VALIDATION_PROMPTS = 4;

    private ProjectScaffold() {}

    /** Writes the project into {@code out}, which must not exist or be empty; {@code seed} draws the model and data. */
    public static void write(Path out, long seed) {
        requireEmpty(out);
        String runYaml = resource("init/run.yaml");
        ArithmeticTask task = ArithmeticTask.generate(seed, TRAINING_PROMPTS, EVALUATION_PROMPTS, VALIDATION_PROMPTS);
        AtomicFiles.writeDirectory(out, dir -> {
            NewModelDirectory.TokenizerChoice tokenizer = new NewModelDirectory.ByteLevel();
            int[] ids = NewModelDirectory.specialIds(tokenizer, ByteLevelTokenizer.VOCAB_SIZE);
            TransformerConfig config = NewModelDirectory.withSpecialTokens(
                    TransformerConfig.tiny(ByteLevelTokenizer.VOCAB_SIZE), null, null, ids);
            NewModelDirectory.write(dir.resolve("model"), config, seed, Device.cpu(), tokenizer, ids);
            Jsonl.write(dir.resolve("prompts.jsonl"), task.training());
            Jsonl.write(dir.resolve("teacher.jsonl"), task.answers());
            Jsonl.write(dir.resolve("evaluation.jsonl"), task.evaluation());
            Jsonl.write(dir.resolve("validation.jsonl"), task.validation());
            AtomicFiles.writeString(dir.resolve("run.yaml"), runYaml);
        });
    }

    private static void requireEmpty(Path out) {
        if (!Files.exists(out)) {
            return;
        }
        checkArgument(Files.isDirectory(out), "--out %s is a file: give a directory path for the new project", out);
        try (Stream<Path> entries = Files.list(out)) {
            checkArgument(entries.findAny().isEmpty(), "--out %s already holds files: choose a new directory, or remove "
                    + "this one first (init never overwrites)", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + out + ": " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ProjectScaffold.class.getResourceAsStream("/io/dno/cli/" + name)) {
            checkArgument(in != null, "the resource %s is missing from the dno jar", name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + name + ": " + e.getMessage(), e);
        }
    }
}
