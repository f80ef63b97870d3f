package io.dno.cli.init;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.tokenize.ByteLevelTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * A randomly initialised model directory in the layout Hugging Face's readers expect: {@code config.json},
 * {@code model.safetensors}, the tokenizer files ({@link ByteLevelTokenizer}'s unless another tokenizer is copied)
 * and {@code generation_config.json} (the BOS, EOS and pad ids). The directory appears complete or not at all.
 */
public final class NewModelDirectory {

    /** What tokenizer the directory gets. */
    public sealed interface TokenizerChoice {}

    /** {@link ByteLevelTokenizer}: 259 ids (3 special tokens, 256 bytes). */
    public record ByteLevel() implements TokenizerChoice {}

    /** The tokenizer files of another directory, copied. */
    public record CopiedFrom(Path dir) implements TokenizerChoice {}

    /** None: a model used by token ids only. */
    public record NoTokenizer() implements TokenizerChoice {}

    private NewModelDirectory() {}

    /**
     * The special-token ids of the tokenizer {@code choice} gives, checked against a model vocabulary of
     * {@code vocabSize}; the ids are {@code [bos, eos, pad]}, each -1 when the tokenizer has none.
     *
     * @throws IllegalArgumentException when the tokenizer has more ids than the model, or cannot be read
     */
    public static int[] specialIds(TokenizerChoice choice, int vocabSize) {
        if (choice instanceof ByteLevel) {
            checkArgument(vocabSize >= ByteLevelTokenizer.VOCAB_SIZE, "--vocab-size %s is smaller than the "
                    + "byte-level tokenizer's %s ids: use --vocab-size %s (the default) or more, give "
                    + "--tokenizer-dir DIR with a smaller tokenizer, or --no-tokenizer for a model used by token ids "
                    + "only", vocabSize, ByteLevelTokenizer.VOCAB_SIZE, ByteLevelTokenizer.VOCAB_SIZE);
            return new int[] {1, 2, 0};
        }
        if (choice instanceof CopiedFrom c) {
            checkArgument(Files.isDirectory(c.dir()), "--tokenizer-dir %s does not exist or is not a directory", c.dir());
            try (HfTokenizer t = HfTokenizer.load(c.dir())) {
                checkArgument(t.vocabSize() <= vocabSize, "the tokenizer in %s has %s ids, more than --vocab-size %s: "
                        + "use --vocab-size %s or more", c.dir(), t.vocabSize(), vocabSize, t.vocabSize());
                return new int[] {t.bosId().orElse(-1), t.eosId().orElse(-1), t.padId()};
            }
        }
        return new int[] {-1, -1, -1};
    }

    /**
     * Writes a model of {@code config} initialised from {@code seed} into {@code out}, which must not exist or be an
     * empty directory (nothing already there is overwritten); returns the model's parameter count.
     */
    public static long write(Path out, TransformerConfig config, long seed, Device device, TokenizerChoice tokenizer,
                      int[] specialIds) {
        requireEmpty(out);
        long[] parameters = {0};
        AtomicFiles.writeDirectory(out, dir -> {
            try (Transformer model = Transformer.random(config, seed, device)) {
                parameters[0] = model.parameterCount();
                Optional<Path> copyFrom = tokenizer instanceof CopiedFrom c ? Optional.of(c.dir()) : Optional.empty();
                CheckpointDir.save(model, copyFrom, dir);
            }
            if (tokenizer instanceof ByteLevel) {
                ByteLevelTokenizer.write(dir, config.maxPositionEmbeddings());
            }
            if (!(tokenizer instanceof NoTokenizer) && !Files.exists(dir.resolve("generation_config.json"))) {
                writeGenerationConfig(dir.resolve("generation_config.json"), specialIds);
            }
        });
        return parameters[0];
    }

    /**
     * {@code config} with the tokenizer's BOS and EOS ids recorded; {@code bosOption} and {@code eosOption} (null when
     * not given) may only repeat them, or name ids for a model without a tokenizer.
     */
    public static TransformerConfig withSpecialTokens(TransformerConfig config, Integer bosOption, Integer eosOption,
                                               int[] specialIds) {
        int bos = chosen("--bos-id", "BOS", bosOption, specialIds[0]);
        int eos = chosen("--eos-id", "EOS", eosOption, specialIds[1]);
        return config.withSpecialTokens(bos < 0 ? OptionalInt.empty() : OptionalInt.of(bos),
                eos < 0 ? List.of() : List.of(eos));
    }

    private static int chosen(String option, String token, Integer given, int tokenizers) {
        if (given == null) {
            return tokenizers;
        }
        checkArgument(tokenizers < 0 || given == tokenizers, "%s %s differs from the tokenizer's %s id %s: leave %s out "
                + "(the tokenizer decides)", option, given, token, tokenizers, option);
        return given;
    }

    private static void requireEmpty(Path out) {
        if (!Files.exists(out)) {
            return;
        }
        checkArgument(Files.isDirectory(out), "--out %s is a file: give a directory path for the new model", out);
        try (Stream<Path> entries = Files.list(out)) {
            List<String> names = entries.limit(4).map(p -> p.getFileName().toString()).toList();
            checkArgument(names.isEmpty(), "--out %s already holds files (%s): choose a new directory, or remove this "
                    + "one first (init-model never overwrites)", out, String.join(", ", names));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + out + ": " + e.getMessage(), e);
        }
    }

    private static void writeGenerationConfig(Path file, int[] specialIds) {
        ObjectNode root = Json.mapper().createObjectNode();
        if (specialIds[0] >= 0) {
            root.put("bos_token_id", specialIds[0]);
        }
        if (specialIds[1] >= 0) {
            root.put("eos_token_id", specialIds[1]);
        }
        if (specialIds[2] >= 0) {
            root.put("pad_token_id", specialIds[2]);
        }
        Json.write(file, root);
    }
}
